using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// A file of metrics with nothing stored goes straight into the values table; a key it repeats sends it back through
/// staging, so the report is the same whichever path the file takes, and with the valid rows accepted the kept
/// values are the same too.
/// </summary>
public sealed class DirectPathTests
{
    private const string Header = "year,state,county,share_employed,share_employed_lb,share_employed_ub,share_employed_quality";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_repeated_key_is_reported_with_its_lines_whether_or_not_the_metric_has_values(DatabaseProvider provider)
    {
        using var temp = new TempFolder();
        var file = temp.Write("repeats.csv", Header, "2023,01,001,0.61,0.58,0.64,1", "2023,01,003,0.55,0.50,0.60,2", "2023,1,1,0.62,0.59,0.65,1");
        var accept = new ImportOptions { AcceptPartial = true };

        // Nothing stored for share_employed: the direct path meets the repeat and starts over through staging.
        await using var empty = await ImportTestDatabase.CreateAsync(provider);
        var direct = await empty.ImportAsync(file, accept);

        // A value stored for another county and year: staging from the start.
        await using var stocked = await ImportTestDatabase.CreateAsync(provider);
        await stocked.ImportCleanlyAsync(temp.Write("other.csv", Header, "2020,02,013,0.40,0.35,0.45,1"));
        var staged = await stocked.ImportAsync(file, accept);

        foreach (var report in new[] { direct, staged })
        {
            Assert.Equal(ImportOutcome.Imported, report.Outcome);
            Assert.Equal((3, 1, 2), (report.RowsRead, report.RowsRejected, report.ValuesInserted));
            var problem = Assert.Single(report.Problems);
            Assert.Equal((4, "duplicate key inside the file: same place, year, subgroup and metric as line 2"), (problem.Line, problem.Message));
        }
        // The first line of the repeated key is kept, the repeat rejected, on both paths.
        foreach (var db in new[] { empty, stocked })
        {
            Assert.Equal(0.61, (await db.ValueAsync("01001", "share_employed", 2023)).Value);
            Assert.Equal(0.55, (await db.ValueAsync("01003", "share_employed", 2023)).Value);
        }
        Assert.Equal(2, await empty.CountValuesAsync());
        Assert.Equal(3, await stocked.CountValuesAsync());
    }
}

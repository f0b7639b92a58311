using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// No file makes the work or the report unbounded: too many columns, too many subgroups of a metric, every value
/// missing, or text in an encoding that is neither UTF-8 nor Windows-1252, each refused at once in words; a file with
/// many unknown columns lists the first ones and counts the rest, and its stored report stays small.
/// </summary>
public class BoundedInputTests
{
    [Fact]
    public async Task Wide_files_many_subgroups_missing_values_and_foreign_encodings_are_refused_in_words()
    {
        await using var db = await ImportTestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempFolder();

        // 100,000 unknown columns: refused from the header, in seconds, with a report of a few hundred bytes.
        var clock = Stopwatch.StartNew();
        var columns = Enumerable.Range(0, 100_000).Select(i => $"junk_{i}").ToList();
        var wide = await db.ImportAsync(temp.Write("wide.csv",
            "year,state,county,share_employed," + string.Join(",", columns),
            "2023,06,037,0.6," + string.Join(",", columns.Select(_ => "1"))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(ImportOutcome.Failed, wide.Outcome);
        Assert.Contains("The file has 100,004 columns; an import reads at most 1,000", wide.FatalError, StringComparison.Ordinal);
        Assert.True(System.Text.Json.JsonSerializer.Serialize(wide, MetricImportService.ReportJson).Length < 4_000);

        // 900 unknown columns: imported, the first 50 listed and the rest counted; the stored report stays small.
        var some = Enumerable.Range(0, 900).Select(i => $"extra_{i}").ToList();
        var listed = await db.ImportAsync(temp.Write("many-unknown.csv",
            "year,state,county,share_employed," + string.Join(",", some),
            "2023,06,037,0.6," + string.Join(",", some.Select(_ => "1"))));
        Assert.Equal(ImportOutcome.Imported, listed.Outcome);
        Assert.Equal((50, 900), (listed.UnknownColumns.Count, listed.UnknownColumnCount));
        await using (var context = db.CreateContext())
        {
            var stored = await context.Imports.Where(i => i.Id == listed.ImportId).Select(i => i.ReportJson).SingleAsync();
            Assert.True(stored!.Length < 8_000, $"the stored report is {stored.Length} characters");
        }

        // 20,000 distinct subgroup labels of one metric: refused, nothing written.
        var valuesBefore = await db.CountValuesAsync();
        var labels = await db.ImportAsync(temp.Write("labels.csv",
            ["year,state,county,subgroup_type,subgroup,share_employed", .. Enumerable.Range(0, 20_000).Select(i => $"2023,06,037,race-ethnicity,Group {i},0.5")]));
        Assert.Equal(ImportOutcome.Failed, labels.Outcome);
        Assert.Contains("'share_employed' has more than 200 different subgroups in this file", labels.FatalError, StringComparison.Ordinal);
        Assert.Equal(valuesBefore, await db.CountValuesAsync());

        // Only NA: refused, not an empty import.
        var na = await db.ImportAsync(temp.Write("na.csv", "year,state,county,share_employed", "2023,06,037,NA", "2023,06,059,NA", "2023,06,073,"));
        Assert.Equal(ImportOutcome.Failed, na.Outcome);
        Assert.Contains("Every value in the file's 3 rows is missing (NA or empty)", na.FatalError, StringComparison.Ordinal);

        // Shift-JIS, which no declaration names: refused instead of read as Windows-1252 garbage.
        var shiftJis = await db.ImportAsync(temp.Write("sjis.csv",
            ["year,state,county,subgroup_type,subgroup,share_employed", "2023,06,037,race-ethnicity,日本人の住民,0.5", "2023,06,059,race-ethnicity,東京都の住民,0.4"],
            Encoding.GetEncoding("shift_jis")));
        Assert.Equal(ImportOutcome.Failed, shiftJis.Outcome);
        Assert.Contains("does not read as Windows-1252 either", shiftJis.FatalError, StringComparison.Ordinal);
        Assert.Equal(valuesBefore, await db.CountValuesAsync());
    }
}

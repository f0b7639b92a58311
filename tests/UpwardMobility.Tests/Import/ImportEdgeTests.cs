using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Web.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// The edges of an import (issue 15): a file with no data rows, the audit entry inside the import's transaction on
/// every path, report examples that keep only the start of a huge cell, and UTF-16 files.
/// </summary>
public class ImportEdgeTests
{
    private const string IndustryFile = "released/19_mobility-metrics_county_industry_longitudinal.csv";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_file_with_nothing_to_import_is_refused_with_a_message_and_the_demo_data_stays(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        Assert.True(await new DemoDataSeeder(db.Factory).SeedIfEmptyAsync());
        var demoValues = await db.CountValuesAsync();
        using var temp = new TempFolder();

        // A header and blank lines only, through the service (as the import page runs it) and through the CLI.
        var headerOnly = temp.Write("header_only.csv", "year,state,county,share_employed,share_employed_lb,share_employed_ub", "", " ");
        var report = await db.ImportAsync(headerOnly);
        Assert.Equal(ImportOutcome.Failed, report.Outcome);
        Assert.Equal("The file has a header but no data rows: there is nothing to import.", report.FatalError);
        Assert.Equal((0, false, (int?)null), (report.RowsRead, report.DemoDataRemoved, report.ImportId));
        var output = new StringWriter();
        Assert.Equal(1, await RunCliAsync(db, output, headerOnly));
        Assert.Contains("no data rows", output.ToString(), StringComparison.Ordinal);

        // Rows, every one rejected: choosing to import the valid rows leaves nothing to import.
        var allRejected = temp.Write("all_rejected.csv", "year,state,county,share_employed", "2021,01,001,abc", "2021,01,003,1.7");
        var partial = await db.ImportAsync(allRejected, new ImportOptions { AcceptPartial = true });
        Assert.Equal(ImportOutcome.NotImported, partial.Outcome);
        Assert.Equal((2, 2, false), (partial.RowsRead, partial.RowsRejected, partial.DemoDataRemoved));
        Assert.Contains("all 2 rows rejected", partial.Summary, StringComparison.Ordinal);

        await using var check = db.CreateContext();
        var import = Assert.Single(await check.Imports.AsNoTracking().ToListAsync());
        Assert.True(import is { IsDemo: true, Status: ImportStatus.Committed }, "the demo data set is still the committed one");
        Assert.Equal(demoValues, await db.CountValuesAsync());
        Assert.Empty(await check.AuditEntries.Where(e => e.Action == AuditActions.ImportCommit).ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_audit_entry_is_written_in_the_import_transaction_on_every_path(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var first = temp.Write("first.csv", "year,state,county,share_employed", "2021,01,001,0.61", "2021,01,003,0.55");
        var second = temp.Write("second.csv", "year,state,county,share_employed", "2021,01,001,0.62", "2021,01,005,0.5");

        // The service alone (as the import page calls it) records the import.
        var report = await db.ImportCleanlyAsync(first, new ImportOptions { UserName = "analyst@example.org" });
        // The command line, once per import.
        Assert.Equal(0, await RunCliAsync(db, new StringWriter(), second));
        // Dry runs and refused files change nothing and are not recorded.
        Assert.Equal(ImportOutcome.DryRun, (await db.ImportAsync(second, new ImportOptions { DryRun = true })).Outcome);

        await using var check = db.CreateContext();
        var imports = await check.Imports.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
        var entries = await check.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.ImportCommit).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(imports.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), entries.Select(e => e.EntityKey));
        Assert.Equal(["analyst@example.org", $"cli:{Environment.UserName}"], entries.Select(e => e.UserName));
        Assert.Equal(report.ImportId, imports[0].Id);
        Assert.Contains("\"rowsRead\":2", entries[0].After, StringComparison.Ordinal);

        if (provider == DatabaseProvider.Postgres)
        {
            // xmin is the transaction that wrote a row: each entry was written by the transaction that wrote its import,
            // so no crash between the two can leave an import without its record.
            foreach (var (import, entry) in imports.Zip(entries))
            {
                var importXmin = await check.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM imports WHERE id = {import.Id}").SingleAsync();
                var entryXmin = await check.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM audit_entries WHERE id = {entry.Id}").SingleAsync();
                Assert.True(importXmin == entryXmin, $"import {import.Id} was written by transaction {importXmin}, its audit entry by {entryXmin}");
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Report_examples_keep_only_the_start_of_a_huge_cell(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var huge = new string('9', 10 * 1024 * 1024) + "x"; // 10 MB that are not a number
        var longColumn = "mystery_" + new string('c', 100_000);
        var file = temp.Write("huge_cell.csv", $"year,state,county,share_employed,{longColumn}", "2021,01,001,0.61,", $"2021,01,003,{huge},");

        var report = await db.ImportAsync(file, new ImportOptions { AcceptPartial = true });

        Assert.Equal((ImportOutcome.Imported, 1), (report.Outcome, report.RowsRejected));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((3, "share_employed"), (problem.Line, problem.Column));
        Assert.True(problem.Text!.Length <= 400, $"the example keeps {problem.Text.Length:N0} characters of the cell");
        Assert.Equal(new string('9', ReportText.MaxCharacters) + "… (10,485,761 characters)", problem.Text);
        var unknown = Assert.Single(report.UnknownColumns);
        Assert.True(unknown.Length <= 400, $"the unknown column's name keeps {unknown.Length:N0} characters");

        await using var check = db.CreateContext();
        var stored = await check.Imports.AsNoTracking().Where(i => i.Id == report.ImportId).Select(i => i.ReportJson).SingleAsync();
        Assert.True(stored!.Length < 10_000, $"the stored report has {stored.Length:N0} characters");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UTF16_files_with_a_byte_order_mark_are_read_and_reported_as_UTF16(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        string[] cities = ["year,state,county,subgroup_type,subgroup,share_employed", "2021,35,013,place,Doña Ana Valley,0.61", "2021,08,043,place,Cañon City,0.55"];

        var little = await db.ImportCleanlyAsync(temp.Write("cities_le.csv", cities, new UnicodeEncoding(bigEndian: false, byteOrderMark: true)));
        Assert.Equal(("UTF-16 LE", 2), (little.Encoding, little.ValuesInserted));
        Assert.Equal(0.61, (await db.ValueAsync("35013", "share_employed", 2021, "place", "Doña Ana Valley")).Value);
        Assert.Equal(0.55, (await db.ValueAsync("08043", "share_employed", 2021, "place", "Cañon City")).Value);
        var big = await db.ImportCleanlyAsync(temp.Write("cities_be.csv", cities, new UnicodeEncoding(bigEndian: true, byteOrderMark: true)));
        Assert.Equal(("UTF-16 BE", 0, 2), (big.Encoding, big.ValuesInserted, big.ValuesUnchanged));

        // A slice of a real file: in UTF-16 it holds exactly the values it holds in UTF-8.
        var slice = temp.EditedCopy(UrbanSource.PathOf(IndustryFile), "industry.csv", (line, n) => n <= 400 ? line : null);
        var utf8 = await db.ImportCleanlyAsync(slice);
        var utf16 = await db.ImportCleanlyAsync(temp.Write("industry_utf16.csv", File.ReadAllLines(slice), new UnicodeEncoding(false, true)));
        Assert.Equal((utf8.RowsRead, utf8.ValuesRead, 0, 0, utf8.ValuesInserted), (utf16.RowsRead, utf16.ValuesRead, utf16.ValuesInserted, utf16.ValuesReplaced, utf16.ValuesUnchanged));

        // Without a byte-order mark, UTF-16 is refused in words the analyst can act on.
        var noBom = await db.ImportAsync(temp.Write("cities_nobom.csv", cities, new UnicodeEncoding(false, false)));
        Assert.Equal(ImportOutcome.Failed, noBom.Outcome);
        Assert.Contains("UTF-16 without a byte-order mark", noBom.FatalError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upload_store_accepts_UTF16_with_a_byte_order_mark_and_refuses_other_NUL_bytes()
    {
        using var store = new ImportUploadStore(1024 * 1024);
        var text = "year,state,county,share_employed\n2021,01,001,0.61\n2021,01,003,0.55\n";
        var utf16 = new UnicodeEncoding(false, true);
        var upload = await store.SaveAsync(new MemoryStream([.. utf16.GetPreamble(), .. utf16.GetBytes(text)]), "utf16.csv");
        Assert.Equal(2, upload.EstimatedDataRows);

        var refused = await Assert.ThrowsAsync<UploadRejectedException>(() =>
            store.SaveAsync(new MemoryStream(new UnicodeEncoding(false, false).GetBytes(text)), "nobom.csv"));
        Assert.Contains("not a plain-text CSV file", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<int> RunCliAsync(ImportTestDatabase db, TextWriter output, params string[] paths)
    {
        var command = new ImportCommand();
        command.Paths.AddRange(paths);
        await using var services = new ServiceCollection()
            .AddSingleton(db.Importer)
            .AddSingleton(new AuditLog(db.Factory, TimeProvider.System))
            .BuildServiceProvider();
        return await command.RunAsync(services, output, CancellationToken.None);
    }
}

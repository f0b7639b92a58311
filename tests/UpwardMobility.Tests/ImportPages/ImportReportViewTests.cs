using Bunit;
using UpwardMobility.Core.Import;
using UpwardMobility.Web.Import;

namespace UpwardMobility.Tests.ImportPages;

/// <summary>The HTML report says what the command line's report says.</summary>
public class ImportReportViewTests : BunitContext
{
    private static ImportReport Rejected() => new()
    {
        FileName = "bad.csv",
        Sha256 = new string('a', 64),
        Encoding = "Windows-1252",
        Outcome = ImportOutcome.NotImported,
        RowsRead = 1200,
        RowsRejected = 3,
        ValuesRead = 2391,
        MissingCells = 17,
        ValuesInserted = 2000,
        ValuesReplaced = 300,
        ValuesUnchanged = 91,
        Metrics = [new MappedMetric("share_employed", "share_employed", "share_employed_lb", "share_employed_ub", null)],
        UnknownColumns = ["mystery_column"],
        NewGeographies = [new NewGeography("County", "09110", "Capitol Planning Region", false), new NewGeography("County", "02066", "County 02066", true)],
        Warnings = ["The file has a 'year' column; the year you gave (2020) was not used."],
        RejectionCounts = new Dictionary<RejectionReason, int> { [RejectionReason.NotNumber] = 2, [RejectionReason.OutOfRange] = 1 },
        Problems =
        [
            new RowProblem(14, "share_employed", "abc", RejectionReason.NotNumber),
            new RowProblem(9, "share_employed", "1.7", RejectionReason.OutOfRange),
            new RowProblem(20, "share_employed", "", RejectionReason.NotNumber),
        ],
    };

    [Fact]
    public void Rejected_file_shows_headline_counts_and_problems_table()
    {
        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, Rejected()));

        Assert.Contains("Not imported: 3 of 1,200 rows were rejected.", cut.Find("[data-testid=report-headline]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1,200", cut.Find("[data-count=rows-read]").TextContent);
        Assert.Equal("2,000", cut.Find("[data-count=inserted]").TextContent);
        Assert.Equal("17", cut.Find("[data-count=missing]").TextContent);
        Assert.Contains("Values would be inserted", cut.Markup, StringComparison.Ordinal);

        var problems = cut.FindAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Examples", StringComparison.Ordinal));
        var headers = problems.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(["Line", "Column", "Value", "Reason"], headers);
        Assert.All(problems.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var lines = problems.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal(["9", "14", "20"], lines); // in file order
        Assert.Contains("(empty)", problems.TextContent, StringComparison.Ordinal);

        var reasons = cut.FindAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("by reason", StringComparison.Ordinal));
        Assert.Contains("not a number", reasons.TextContent, StringComparison.Ordinal);

        Assert.Contains("mystery_column", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Capitol Planning Region", cut.Markup, StringComparison.Ordinal);
        var flagged = cut.Find("tr.report-row--flag");
        Assert.Contains("02066", flagged.TextContent, StringComparison.Ordinal);
        Assert.Contains("placeholder name", flagged.TextContent, StringComparison.Ordinal);
        Assert.Contains("the year you gave (2020) was not used", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("share_employed_lb", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Windows-1252", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(new string('a', 64), cut.Find("code[title]").GetAttribute("title"));
    }

    [Fact]
    public void Outcomes_have_clear_headlines()
    {
        var dryRun = new ImportReport { FileName = "ok.csv", Outcome = ImportOutcome.DryRun, RowsRead = 28289 };
        Assert.Contains("all 28,289 rows are valid and ready to import",
            Render<ImportReportView>(p => p.Add(v => v.Report, dryRun)).Find("[data-testid=report-headline]").TextContent, StringComparison.Ordinal);

        var imported = new ImportReport { FileName = "ok.csv", Outcome = ImportOutcome.Imported, RowsRead = 10, ValuesInserted = 30, ImportId = 7 };
        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, imported));
        Assert.Contains("Imported: 30 values added", cut.Find("[data-testid=report-headline]").TextContent, StringComparison.Ordinal);
        Assert.Equal("import/history/7", cut.Find("a").GetAttribute("href"));

        var failed = new ImportReport { FileName = "recent.csv", Outcome = ImportOutcome.Failed, FatalError = "The file has no 'year' column." };
        cut = Render<ImportReportView>(p => p.Add(v => v.Report, failed));
        Assert.Contains("The file has no 'year' column.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-count]"));
    }

    [Fact]
    public void Heading_level_follows_the_page()
    {
        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, Rejected()).Add(v => v.HeadingLevel, 4));
        Assert.NotEmpty(cut.FindAll("h4.report__heading"));
        Assert.Empty(cut.FindAll("h3"));
    }
}

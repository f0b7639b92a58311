using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Catalog;

/// <summary>The catalog file against the framework facts in ../shared/reference/framework.md.</summary>
public sealed partial class CatalogCompletenessTests
{
    private static readonly CatalogFile Catalog = CatalogFile.Load(Path.Combine(TestEnvironment.RepoRoot, "data", "catalog", "framework.json"));

    private static string FrameworkPath => Path.GetFullPath(Path.Combine(TestEnvironment.UrbanDataPath, "..", "..", "reference", "framework.md"));

    /// <summary>The framework table's rows as cells; escaped pipes (<c>\|</c>, older names) stay inside their cell.</summary>
    private static List<string[]> TableRows() => File.ReadLines(FrameworkPath)
        .Where(l => l.StartsWith('|') && !l.StartsWith("| Pillar", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal))
        .Select(l => l.Replace("\\|", "\u0001", StringComparison.Ordinal).Trim('|').Split('|').Select(c => c.Replace('\u0001', '|').Trim()).ToArray())
        .ToList();

    [Fact]
    public void Five_pillars_and_24_predictors_in_the_framework_order()
    {
        var rows = TableRows();
        var pillars = rows.Select(r => r[0]).Where(p => p.Length > 0).ToList();
        var predictors = rows.Select(r => r[1]).Where(p => p.Length > 0).ToList();

        Assert.Equal(5, pillars.Count);
        Assert.Equal(24, predictors.Count);
        Assert.Equal(pillars, Catalog.Pillars.Select(p => p.Name));
        Assert.Equal(predictors, Catalog.Pillars.SelectMany(p => p.Predictors).Select(p => p.Name));
        Assert.Equal(3, Catalog.Dimensions.Count);
    }

    [Fact]
    public void Every_variable_and_older_name_in_the_framework_table_is_a_metric_key_or_alias()
    {
        var known = Catalog.AllMetrics.SelectMany(m => (m.Aliases ?? []).Prepend(m.Key)).ToHashSet(StringComparer.Ordinal);
        var variables = TableRows()
            .SelectMany(r => Backticked().Matches(r[3]).Select(m => m.Groups[1].Value))
            .Where(v => !v.StartsWith('_') && !v.Contains('…', StringComparison.Ordinal) && !v.Contains(':', StringComparison.Ordinal) && !v.Contains('*', StringComparison.Ordinal))
            .ToList();

        Assert.True(variables.Count >= 40, $"only {variables.Count} variables read from framework.md");
        Assert.All(variables, v => Assert.Contains(v, known));
        // The suffix shorthand ("`share_affordable_available_30_ami`, `_50_ami`, `_80_ami`") expands to catalog keys too.
        Assert.Contains("share_affordable_available_80_ami", known);
        Assert.Contains("share_desc_rep_asian_other", known);
        Assert.Contains("rate_violent_crime", known);
    }

    [Fact]
    public void Group_and_odd_quality_columns_belong_to_their_metrics()
    {
        var quality = Catalog.AllMetrics.ToDictionary(m => m.Key, m => m.QualityColumns ?? []);
        Assert.Contains("share_affordable_quality", quality["share_affordable_30_ami"]);
        Assert.Contains("pctl_income_quality", quality["pctl_income_50"]);
        Assert.Contains("pctl_20_quality", quality["pctl_income_20"]);
        Assert.Contains("homeless_quality", quality["count_homeless"]);
        Assert.Contains("homeless_quality", quality["share_homeless"]);
        Assert.Contains("rate_crime_quality", quality["rate_crime_violent"]);
        Assert.Contains("wage_ratio_quality", quality["ratio_living_wage"]);
    }

    [Fact]
    public void Directions_units_and_retired_measures_follow_the_framework()
    {
        var metrics = Catalog.AllMetrics.ToDictionary(m => m.Key);
        Assert.Equal(MetricDirection.Context, metrics["share_black_nh_exposure"].Direction);
        Assert.Equal(MetricDirection.Parity, metrics["ratio_white_nh_house_value_households"].Direction);
        Assert.Equal(MetricUnit.ResidentsPerPhysician, metrics["ratio_population_pc_physician"].Unit);
        Assert.Equal(MetricDirection.Down, metrics["ratio_population_pc_physician"].Direction);
        Assert.Equal(MetricUnit.Dollars, metrics["pctl_income_50"].Unit);
        Assert.Null(metrics["rate_learning"].ValidMin);
        Assert.True(metrics["index_transit_trips"].Retired);
        Assert.False(metrics["share_transit_commuter"].Retired);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Loading_the_catalog_twice_changes_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var sync = new CatalogSync(database.Factory);

        Assert.True(await sync.SyncAsync(Catalog) > 0);
        Assert.Equal(0, await sync.SyncAsync(Catalog));

        await using var db = database.CreateContext();
        Assert.Equal(5, await db.Pillars.CountAsync());
        Assert.Equal(24, await db.Predictors.CountAsync());
        Assert.Equal(Catalog.AllMetrics.Count(), await db.Metrics.CountAsync());
        var debt = await db.Metrics.AsNoTracking().SingleAsync(m => m.Key == "share_debt_coll");
        Assert.Contains("share_debt_col", debt.Aliases);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}

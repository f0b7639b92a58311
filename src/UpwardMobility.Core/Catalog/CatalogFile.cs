using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpwardMobility.Core.Catalog;

/// <summary>The shape of <c>data/catalog/framework.json</c>, the first version of the metric catalog.</summary>
public sealed record CatalogFile(int Version, List<CatalogFile.DimensionEntry> Dimensions, List<CatalogFile.PillarEntry> Pillars)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public sealed record DimensionEntry(string Key, string Name, string Description);

    public sealed record PillarEntry(string Key, string Name, string Description, List<PredictorEntry> Predictors);

    public sealed record PredictorEntry(string Key, string Name, string Description, List<MetricEntry> Metrics);

    public sealed record MetricEntry(
        string Key,
        string Label,
        string Description,
        MetricUnit Unit,
        MetricDirection Direction,
        List<string>? Aliases,
        List<string>? QualityColumns,
        double? ValidMin,
        double? ValidMax,
        bool Retired,
        string? Source,
        string? Caveats,
        List<SpecialValueEntry>? SpecialValues = null,
        List<CompositionEntry>? Compositions = null);

    /// <summary>
    /// Subgroup types whose group values are shares of a whole, not rates within the group:
    /// <c>{ "subgroupType": "*", "of": "homeless students" }</c> (<c>*</c>: every type of the metric).
    /// </summary>
    public sealed record CompositionEntry(string SubgroupType, string Of);

    /// <summary>A value that means a fact, not a point on the scale: <c>{ "value": 0, "meaning": "no primary care physician" }</c>.</summary>
    public sealed record SpecialValueEntry(double Value, string Meaning);

    public IEnumerable<MetricEntry> AllMetrics => Pillars.SelectMany(p => p.Predictors).SelectMany(p => p.Metrics);

    public static CatalogFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<CatalogFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{path} holds no catalog.");
    }
}

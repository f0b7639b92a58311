using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Catalog;

/// <summary>
/// Brings the database catalog in line with the catalog file at start-up. Idempotent: running it twice
/// changes nothing, and metrics an admin has edited (<see cref="Metric.Customized"/>) keep their edits.
/// </summary>
public sealed class CatalogSync(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<int> SyncAsync(CatalogFile file, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dimensions = await db.Dimensions.ToDictionaryAsync(d => d.Key, cancellationToken);
        var pillars = await db.Pillars.ToDictionaryAsync(p => p.Key, cancellationToken);
        var predictors = await db.Predictors.ToDictionaryAsync(p => p.Key, cancellationToken);
        var metrics = await db.Metrics.ToDictionaryAsync(m => m.Key, cancellationToken);

        for (var i = 0; i < file.Dimensions.Count; i++)
        {
            var entry = file.Dimensions[i];
            if (!dimensions.TryGetValue(entry.Key, out var dimension))
            {
                dimension = new Dimension { Key = entry.Key, Name = entry.Name };
                db.Dimensions.Add(dimension);
            }
            dimension.Name = entry.Name;
            dimension.Description = entry.Description;
            dimension.SortOrder = i;
        }

        var metricOrder = 0;
        for (var p = 0; p < file.Pillars.Count; p++)
        {
            var pillarEntry = file.Pillars[p];
            if (!pillars.TryGetValue(pillarEntry.Key, out var pillar))
            {
                pillar = new Pillar { Key = pillarEntry.Key, Name = pillarEntry.Name };
                db.Pillars.Add(pillar);
            }
            pillar.Name = pillarEntry.Name;
            pillar.Description = pillarEntry.Description;
            pillar.SortOrder = p;

            for (var q = 0; q < pillarEntry.Predictors.Count; q++)
            {
                var predictorEntry = pillarEntry.Predictors[q];
                if (!predictors.TryGetValue(predictorEntry.Key, out var predictor))
                {
                    predictor = new Predictor { Key = predictorEntry.Key, Name = predictorEntry.Name, Pillar = pillar };
                    db.Predictors.Add(predictor);
                }
                predictor.Name = predictorEntry.Name;
                predictor.Description = predictorEntry.Description;
                predictor.SortOrder = q;
                if (predictor.Pillar != pillar && predictor.PillarId != pillar.Id)
                {
                    predictor.Pillar = pillar;
                }

                foreach (var entry in predictorEntry.Metrics)
                {
                    metricOrder++;
                    if (!metrics.TryGetValue(entry.Key, out var metric))
                    {
                        metric = new Metric { Key = entry.Key, Label = entry.Label, Predictor = predictor };
                        db.Metrics.Add(metric);
                    }
                    else if (metric.Customized)
                    {
                        continue;
                    }
                    Apply(metric, entry, predictor, metricOrder);
                }
            }
        }
        return await db.SaveChangesAsync(cancellationToken);
    }

    private static void Apply(Metric metric, CatalogFile.MetricEntry entry, Predictor predictor, int sortOrder)
    {
        if (metric.Predictor != predictor && metric.PredictorId != predictor.Id)
        {
            metric.Predictor = predictor;
        }
        metric.Label = entry.Label;
        metric.Description = entry.Description;
        metric.Unit = entry.Unit;
        metric.Direction = entry.Direction;
        SetIfChanged(metric.Aliases, entry.Aliases, v => metric.Aliases = v);
        SetIfChanged(metric.QualityColumns, entry.QualityColumns, v => metric.QualityColumns = v);
        SetIfChanged(
            metric.SpecialValues,
            entry.SpecialValues?.Select(s => new Judgement.SpecialValue(s.Value, s.Meaning).Encode()).ToList(),
            v => metric.SpecialValues = v);
        SetIfChanged(
            metric.CompositionSubgroups,
            entry.Compositions?.Select(c => c.SubgroupType + "=" + c.Of).ToList(),
            v => metric.CompositionSubgroups = v);
        metric.ValidMin = entry.ValidMin;
        metric.ValidMax = entry.ValidMax;
        metric.Retired = entry.Retired;
        metric.Source = entry.Source ?? "";
        metric.Caveats = entry.Caveats ?? "";
        metric.SortOrder = sortOrder;
    }

    // A fresh list instance marks the column modified even when equal; only replace on a real change.
    private static void SetIfChanged(List<string> current, List<string>? wanted, Action<List<string>> set)
    {
        wanted ??= [];
        if (!current.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            set([.. wanted]);
        }
    }
}

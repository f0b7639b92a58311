using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Plans;

public sealed partial class ActionPlanService
{
    public async Task<PlanResult> AddPriorityAsync(ClaimsPrincipal user, string fips, PriorityInput input, CancellationToken ct = default)
    {
        var (county, refusal) = await AuthorizeAsync(user, fips, ct);
        if (county is null)
        {
            return refusal!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = input.PredictorKey?.Trim() ?? "";
        var predictor = await db.Predictors.AsNoTracking().Where(p => p.Key == key).Select(p => new { p.Id, p.Key, p.Name }).FirstOrDefaultAsync(ct);
        if (predictor is null)
        {
            return PlanResult.Refused(key.Length == 0 ? "Choose the predictor to make a priority." : $"There is no predictor '{key}' in the framework.");
        }
        if (CheckRationale(input.Rationale) is { } problem)
        {
            return PlanResult.Refused(problem);
        }
        if (await db.PlanPriorities.AnyAsync(p => p.GeographyId == county.GeographyId && p.PredictorId == predictor.Id, ct))
        {
            return PlanResult.Refused($"{predictor.Name} is already a priority of this plan: edit its rationale instead.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var actor = Actor(user);
        var priority = new PlanPriority
        {
            GeographyId = county.GeographyId,
            PredictorId = predictor.Id,
            Rationale = input.Rationale!.Trim(),
            CreatedBy = actor,
            CreatedAtUtc = now,
            UpdatedBy = actor,
            UpdatedAtUtc = now,
            Version = 1,
        };
        db.PlanPriorities.Add(priority);
        audit.Add(db, actor, AuditActions.PlanPriorityAdd, PriorityEntity, $"{county.Fips}/{predictor.Key}",
            after: Snapshot(county, predictor.Key, priority));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another planner added the same priority a moment ago (the unique index said no).
            return PlanResult.Refused($"{predictor.Name} is already a priority of this plan: edit its rationale instead.");
        }
        return PlanResult.Done($"{predictor.Name} is now a priority.", priority.Id);
    }

    public async Task<PlanResult> UpdatePriorityAsync(ClaimsPrincipal user, string fips, int id, PriorityInput input, CancellationToken ct = default)
    {
        var (county, refusal) = await AuthorizeAsync(user, fips, ct);
        if (county is null)
        {
            return refusal!;
        }
        if (CheckRationale(input.Rationale) is { } problem)
        {
            return PlanResult.Refused(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindPriorityAsync(db, county, id, ct);
        if (found is null)
        {
            return PlanResult.Refused("This priority is no longer in the plan.");
        }
        var (priority, predictorKey, predictorName) = found.Value;
        var before = Snapshot(county, predictorKey, priority);
        var rationale = input.Rationale!.Trim();
        if (rationale == priority.Rationale)
        {
            return PlanResult.Done("Nothing to change.", id);
        }
        db.Entry(priority).Property(p => p.Version).OriginalValue = input.Version;
        priority.Rationale = rationale;
        priority.Version = input.Version + 1;
        priority.UpdatedBy = Actor(user);
        priority.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        audit.Add(db, priority.UpdatedBy, AuditActions.PlanPriorityEdit, PriorityEntity, $"{county.Fips}/{predictorKey}",
            before, Snapshot(county, predictorKey, priority));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(predictorName);
        }
        return PlanResult.Done($"Saved the rationale of {predictorName}.", id);
    }

    public async Task<PlanResult> RemovePriorityAsync(ClaimsPrincipal user, string fips, int id, CancellationToken ct = default)
    {
        var (county, refusal) = await AuthorizeAsync(user, fips, ct);
        if (county is null)
        {
            return refusal!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindPriorityAsync(db, county, id, ct);
        if (found is null)
        {
            return PlanResult.Refused("This priority is no longer in the plan.");
        }
        var (priority, predictorKey, predictorName) = found.Value;
        db.PlanPriorities.Remove(priority);
        audit.Add(db, Actor(user), AuditActions.PlanPriorityRemove, PriorityEntity, $"{county.Fips}/{predictorKey}",
            before: Snapshot(county, predictorKey, priority));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PlanResult.Refused("This priority is no longer in the plan.");
        }
        return PlanResult.Done($"{predictorName} is no longer a priority. Its targets stay in the plan.");
    }

    private static async Task<(PlanPriority Priority, string PredictorKey, string PredictorName)?> FindPriorityAsync(
        AppDbContext db, PlanCounty county, int id, CancellationToken ct)
    {
        // The id must belong to this county: a planner of one county cannot reach another's plan by its ids.
        var row = await (
                from p in db.PlanPriorities
                join q in db.Predictors on p.PredictorId equals q.Id
                where p.Id == id && p.GeographyId == county.GeographyId
                select new { Priority = p, q.Key, q.Name })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Priority, row.Key, row.Name);
    }

    private static string? CheckRationale(string? rationale) =>
        string.IsNullOrWhiteSpace(rationale) ? "Say in a sentence or two why this predictor is a priority."
        : rationale.Trim().Length > PlanModel.RationaleLength ? $"Keep the rationale under {PlanModel.RationaleLength} characters."
        : null;

    private static object Snapshot(PlanCounty county, string predictorKey, PlanPriority p) => new
    {
        county.Fips,
        Predictor = predictorKey,
        p.Rationale,
        p.Version,
    };
}

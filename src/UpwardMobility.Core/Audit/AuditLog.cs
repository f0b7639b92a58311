using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Audit;

/// <summary>The <see cref="AuditEntry.Action"/> names written by the app, by area.</summary>
public static class AuditActions
{
    public const string ImportCommit = "import.commit";
    public const string ImportRollback = "import.rollback";

    public const string CountyAdd = "county.add";
    public const string CountyRename = "county.rename";
    public const string CountyHide = "county.hide";
    public const string CountyUnhide = "county.unhide";
    public const string CountySuccession = "county.replaced-by";

    public const string MetricEdit = "metric.edit";

    public const string PlanPriorityAdd = "plan.priority.add";
    public const string PlanPriorityEdit = "plan.priority.edit";
    public const string PlanPriorityRemove = "plan.priority.remove";
    public const string PlanTargetAdd = "plan.target.add";
    public const string PlanTargetEdit = "plan.target.edit";
    public const string PlanTargetRemove = "plan.target.remove";

    public const string UserCreate = "user.create";
    public const string UserRoles = "user.roles";
    public const string UserDisable = "user.disable";
    public const string UserEnable = "user.enable";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserUnlock = "user.unlock";
    public const string UserBootstrapAdmin = "user.bootstrap-admin";

    public const string AccountSignIn = "account.sign-in";
    public const string AccountSignOut = "account.sign-out";
    public const string AccountLockedOut = "account.locked-out";
    public const string AccountPasswordSet = "account.password-set";

    /// <summary>A request that changes something came with a sign-in cookie older than the account's state (disabled, demoted).</summary>
    public const string AccountStaleSession = "account.stale-session";
}

/// <summary>What the audit page asks for: every criterion is optional; <see cref="Page"/> counts from 1.</summary>
public sealed record AuditQuery
{
    /// <summary>An action, or an area prefix such as <c>county.</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Part of the user name (case-insensitive).</summary>
    public string? User { get; init; }
    public string? EntityType { get; init; }

    /// <summary>Part of the entity key, e.g. a FIPS code, a metric key or an import id.</summary>
    public string? EntityKey { get; init; }
    public DateTime? FromUtc { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTime? ToUtc { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Writes and reads the audit log: who did what and when, with the entity before and after (as JSON).
/// Admin services add their entry to their own context (<see cref="Add"/>) so the change and its record commit together;
/// <see cref="WriteAsync"/> is for actions whose change is committed elsewhere (imports, rollbacks, sign-ins).
/// </summary>
public sealed partial class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPageSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises an entity snapshot the way the log stores it (null stays null).</summary>
    public static string? ToJson(object? snapshot) => snapshot is null ? null : JsonSerializer.Serialize(snapshot, snapshot.GetType(), Json);

    /// <summary>Adds an entry to <paramref name="db"/>; it is written by the caller's <c>SaveChanges</c>.</summary>
    public AuditEntry Add(AppDbContext db, string? userName, string action, string entityType, string entityKey,
        object? before = null, object? after = null, string? details = null)
    {
        var entry = Create(userName, action, entityType, entityKey, before, after, details);
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task<AuditEntry> WriteAsync(string? userName, string action, string entityType, string entityKey,
        object? before = null, object? after = null, string? details = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = Add(db, userName, action, entityType, entityKey, before, after, details);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    private AuditEntry Create(string? userName, string action, string entityType, string entityKey, object? before, object? after, string? details) => new()
    {
        AtUtc = time.GetUtcNow().UtcDateTime,
        UserName = Truncate(userName, 256),
        Action = Truncate(action, 100)!,
        EntityType = Truncate(entityType, 100) ?? "",
        EntityKey = Truncate(entityKey, 200) ?? "",
        Before = ToJson(before),
        After = ToJson(after),
        Details = details,
    };

    /// <summary>Entries matching <paramref name="query"/>, newest first, one page of them.</summary>
    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (Clean(query.Action) is { } action)
        {
            entries = action.EndsWith('.')
                ? entries.Where(e => e.Action.StartsWith(action))
                : entries.Where(e => e.Action == action);
        }
        if (Clean(query.User)?.ToLowerInvariant() is { } user)
        {
            entries = entries.Where(e => e.UserName != null && e.UserName.ToLower().Contains(user));
        }
        if (Clean(query.EntityType) is { } type)
        {
            entries = entries.Where(e => e.EntityType == type);
        }
        if (Clean(query.EntityKey) is { } key)
        {
            entries = entries.Where(e => e.EntityKey.Contains(key));
        }
        if (query.FromUtc is { } from)
        {
            entries = entries.Where(e => e.AtUtc >= from);
        }
        if (query.ToUtc is { } to)
        {
            entries = entries.Where(e => e.AtUtc < to);
        }
        var total = await entries.CountAsync(ct);
        var rows = await entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(rows, total, page, pageSize);
    }

    /// <summary>The distinct actions and entity types in the log, for the filter lists.</summary>
    public async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> EntityTypes)> VocabularyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        var types = await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).Where(t => t != "").Distinct().OrderBy(t => t).ToListAsync(ct);
        return (actions, types);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}

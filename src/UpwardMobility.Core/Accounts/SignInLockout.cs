using System.Collections.Concurrent;

namespace UpwardMobility.Core.Accounts;

/// <summary>
/// Lockout by account and client address (OWASP's authentication guidance): wrong passwords lock the account for
/// that address only, so an outsider who knows an email address cannot lock its owner out from elsewhere. Guessing one
/// account from many addresses is held back by the per-account rate limit instead. Kept in memory: each instance
/// counts its own tries (behind a proxy of N instances, an address gets at most N × <see cref="MaxFailures"/> tries
/// per lock period, still under the per-account rate limit).
/// </summary>
public sealed class SignInLockout(TimeProvider time)
{
    /// <summary>Wrong passwords in a row, from one address for one account, that lock it there.</summary>
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>Entries kept at most: beyond it the expired go first, then the oldest (memory stays bounded).</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Account, string Address), Entry> entries = new();

    private readonly record struct Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);

    public bool IsLocked(string account, string? address) =>
        entries.TryGetValue(Key(account, address), out var entry) && entry.LockedUntil > time.GetUtcNow();

    /// <summary>Counts a wrong password; true when this one locked the account for the address.</summary>
    public bool RecordFailure(string account, string? address)
    {
        var now = time.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            Prune(now);
        }
        var entry = entries.AddOrUpdate(Key(account, address),
            _ => new Entry(1, now, null),
            (_, old) => old.LastFailure + Duration < now || old.LockedUntil <= now ? new Entry(1, now, null) : old with { Failures = old.Failures + 1, LastFailure = now });
        if (entry.Failures >= MaxFailures && entry.LockedUntil is null)
        {
            entries[Key(account, address)] = entry with { LockedUntil = now + Duration };
            return true;
        }
        return false;
    }

    /// <summary>A successful sign-in from the address.</summary>
    public void Clear(string account, string? address) => entries.TryRemove(Key(account, address), out _);

    /// <summary>An administrator's unlock or new password: every address.</summary>
    public void ClearAccount(string account)
    {
        var normalized = Normalize(account);
        foreach (var key in entries.Keys.Where(k => k.Account == normalized))
        {
            entries.TryRemove(key, out _);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.LastFailure + Duration < now && !(entry.LockedUntil > now))
            {
                entries.TryRemove(key, out _);
            }
        }
        foreach (var key in entries.OrderBy(e => e.Value.LastFailure).Take(Math.Max(0, entries.Count - MaxEntries + 1)).Select(e => e.Key).ToList())
        {
            entries.TryRemove(key, out _);
        }
    }

    private static (string, string) Key(string account, string? address) => (Normalize(account), address ?? "unknown");

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();
}

using Microsoft.AspNetCore.Identity;
using UpwardMobility.Core.Accounts;

namespace UpwardMobility.Web.Accounts;

/// <summary>
/// A sign-in for an account that does not exist costs one password hash too, like one for an account that does:
/// otherwise the quick answer would tell an attacker which addresses have accounts.
/// </summary>
public static class SignInTiming
{
    private static readonly PasswordHasher<ApplicationUser> Hasher = new();
    private static readonly ApplicationUser Nobody = new() { UserName = "nobody" };
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    /// <summary>Verifies <paramref name="password"/> against a random hash: always false, after the same work as a real check.</summary>
    public static bool VerifyDummy(string password)
    {
        _ = Hasher.VerifyHashedPassword(Nobody, DummyHash.Value, password);
        return false;
    }
}

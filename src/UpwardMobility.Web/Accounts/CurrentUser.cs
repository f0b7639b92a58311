using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UpwardMobility.Core.Accounts;

namespace UpwardMobility.Web.Accounts;

/// <summary>
/// Who is at an interactive page right now, checked against the database before each action that changes data: a
/// circuit keeps the sign-in it started with for as long as it is open, so its claims may be minutes old. The
/// account must still exist, be enabled, carry the session's security stamp (changed by a password reset or by
/// disabling) and hold one of the roles the action needs today.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
{
    /// <summary>The account's user name when it may act now with one of <paramref name="roles"/> (any role when none); else null.</summary>
    public async Task<string?> NameIfAllowedAsync(params string[] roles)
    {
        ClaimsPrincipal principal;
        try
        {
            principal = (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            return null; // no authentication state: nobody is signed in here
        }
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.Disabled || string.IsNullOrEmpty(user.UserName))
        {
            return null;
        }
        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return null;
        }
        if (roles.Length > 0)
        {
            var current = await users.GetRolesAsync(user);
            if (!roles.Any(current.Contains))
            {
                return null;
            }
        }
        return user.UserName;
    }
}

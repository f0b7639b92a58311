using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web.Accounts;

/// <summary>
/// The sign-in cookie's validation, run on every request that carries one: the account is read from the database
/// (enabled, same security stamp, its roles today) and the request runs with those roles, not the cookie's. A
/// demoted or disabled user therefore cannot act on the very next request (a cookie re-validated once a minute left a
/// demoted admin about 60 seconds to make another admin). Anonymous requests, the public pages' bulk, cost nothing;
/// a signed-in request costs one small query (user and role names by primary key), read once per request.
/// </summary>
/// <remarks>
/// Chosen over a zero <c>SecurityStampValidator</c> interval, which would rebuild the whole principal (user, claims,
/// role claims) and re-issue the cookie on every request. A circuit keeps the principal it started with, so
/// interactive actions check again through <see cref="CurrentUser"/>.
/// </remarks>
internal static class FreshSession
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }
        var http = context.HttpContext;
        var services = http.RequestServices;
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(http.RequestAborted);
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.UserName, u.Disabled, u.SecurityStamp })
            .SingleOrDefaultAsync(http.RequestAborted);
        var name = principal.Identity?.Name;
        if (account is null || account.Disabled || account.SecurityStamp != principal.FindFirstValue(stampType))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            var why = account is null ? "the account no longer exists" : account.Disabled ? "the account is disabled" : "the account's password or state changed";
            await AuditIfChangingAsync(http, name, $"Session ended: {why}; the request ran signed out.");
            return;
        }
        var roles = await db.UserRoles.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(http.RequestAborted);
        var identity = (ClaimsIdentity)principal.Identity!;
        var roleType = identity.RoleClaimType;
        var inCookie = principal.FindAll(roleType).Select(c => c.Value).ToList();
        if (inCookie.Order(StringComparer.Ordinal).SequenceEqual(roles.Order(StringComparer.Ordinal)))
        {
            return;
        }
        var fresh = identity.Clone();
        foreach (var claim in fresh.FindAll(roleType).ToList())
        {
            fresh.RemoveClaim(claim);
        }
        fresh.AddClaims(roles.Select(r => new Claim(roleType, r)));
        context.ReplacePrincipal(new ClaimsPrincipal(fresh));
        context.ShouldRenew = true; // the cookie carries today's roles from now on
        var lost = inCookie.Except(roles).ToList();
        if (lost.Count > 0)
        {
            await AuditIfChangingAsync(http, name,
                $"The session still named {string.Join(" and ", lost)}, which the account no longer holds: the request ran with its roles today ({(roles.Count == 0 ? "none" : string.Join(", ", roles))}).");
        }
    }

    /// <summary>Records a stale session that tried to change something (reads are not worth an entry each).</summary>
    private static async Task AuditIfChangingAsync(HttpContext http, string? name, string what)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return;
        }
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        await audit.WriteAsync(name, AuditActions.AccountStaleSession, "user", name ?? "",
            details: $"{http.Request.Method} {http.Request.Path}: {what}", ct: CancellationToken.None);
    }
}

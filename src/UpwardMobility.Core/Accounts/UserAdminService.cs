using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Admin;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Accounts;

public sealed record UserRow(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Disabled,
    DateTimeOffset? LockedOutUntil, DateTime CreatedAtUtc, bool HasPassword);

public sealed record UserDetail(UserRow User, int FailedSignIns, IReadOnlyList<string> PlannerCounties);

/// <summary>What the admin enters to create an account. Without a password, the result holds an invitation token.</summary>
public sealed class NewUser
{
    public string Email { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public List<string> Roles { get; set; } = [];

    /// <summary>FIPS codes of the counties a Planner plans for (space- or comma-separated).</summary>
    public string? PlannerCounties { get; set; }
}

/// <param name="Token">A one-time token for the set-password page (invitation or reset), when one was made.</param>
public sealed record UserActionResult(bool Ok, string Message, string? UserId = null, string? Token = null);

/// <summary>
/// User administration for <c>/admin/users</c>: create or invite, roles (and a Planner's counties), disable and enable,
/// password reset, unlock. Every action is audited. Guards: nobody disables or demotes themself, and the last enabled
/// administrator stays one. Register as scoped (it uses Identity's managers and their context).
/// </summary>
public sealed class UserAdminService(UserManager<ApplicationUser> users, AppDbContext db, AuditLog audit, TimeProvider time, SignInLockout lockout)
{
    private const string EntityType = "user";

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        var roleNames = await RoleNamesAsync(ct);
        var list = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        return list.Select(u => Row(u, roleNames.GetValueOrDefault(u.Id) ?? [])).ToList();
    }

    public async Task<UserDetail?> GetAsync(string id, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        var roleNames = await RoleNamesAsync(ct, id);
        return new UserDetail(Row(user, roleNames.GetValueOrDefault(id) ?? []), user.AccessFailedCount, await PlannerCountiesAsync(id, ct));
    }

    public async Task<UserActionResult> CreateAsync(NewUser input, string? actor, CancellationToken ct = default)
    {
        var email = input.Email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !email.Contains('@', StringComparison.Ordinal))
        {
            return Refused("Enter the person's email address; it is also their user name.");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Refused($"There is already an account for {email}.");
        }
        var roles = CleanRoles(input.Roles);
        var (counties, countyProblem) = await ResolveCountiesAsync(roles.Contains(Roles.Planner) ? input.PlannerCounties : null, ct);
        if (countyProblem is not null)
        {
            return Refused(countyProblem);
        }
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? null : input.DisplayName.Trim(),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        var created = string.IsNullOrEmpty(input.Password) ? await users.CreateAsync(user) : await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return Refused(AdminAccountService.Describe(created));
        }
        if (roles.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded)
            {
                return Refused(AdminAccountService.Describe(added));
            }
        }
        await ReplacePlannerCountiesAsync(user.Id, counties, ct);
        string? token = null;
        if (string.IsNullOrEmpty(input.Password))
        {
            token = await users.GeneratePasswordResetTokenAsync(user);
        }
        await audit.WriteAsync(actor, AuditActions.UserCreate, EntityType, email,
            after: new { user.Email, user.DisplayName, Roles = roles, PlannerCounties = counties.Select(c => c.Fips) },
            details: token is null ? "created with a password" : "invited: a set-password link was made", ct: ct);
        return new UserActionResult(true,
            token is null ? $"Created {email}." : $"Created {email}. Send them the invitation link below; it works once, for a limited time.",
            user.Id, token);
    }

    public async Task<UserActionResult> SetRolesAsync(string id, IEnumerable<string> wanted, string? plannerCounties, string? actor, string? actorId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused("There is no such user.");
        }
        var roles = CleanRoles(wanted);
        var current = (await users.GetRolesAsync(user)).ToList();
        if (current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            if (id == actorId)
            {
                return Refused("You cannot remove your own Admin role; ask another administrator.");
            }
            if (await IsLastAdminAsync(user))
            {
                return Refused("This is the last enabled administrator: make someone else an administrator first.");
            }
        }
        var (counties, countyProblem) = await ResolveCountiesAsync(roles.Contains(Roles.Planner) ? plannerCounties : null, ct);
        if (countyProblem is not null)
        {
            return Refused(countyProblem);
        }
        if (roles.Contains(Roles.Planner) && counties.Count == 0)
        {
            return Refused("Name the counties (5-digit FIPS codes) this planner plans for.");
        }
        var beforeCounties = await PlannerCountiesAsync(id, ct);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, roles.Except(current)) : removed;
        if (!added.Succeeded)
        {
            return Refused(AdminAccountService.Describe(added));
        }
        await ReplacePlannerCountiesAsync(id, counties, ct);
        var afterCounties = counties.Select(c => c.Fips).ToList();
        if (current.Order().SequenceEqual(roles.Order()) && beforeCounties.SequenceEqual(afterCounties))
        {
            return new UserActionResult(true, "Nothing to change.", id);
        }
        await audit.WriteAsync(actor, AuditActions.UserRoles, EntityType, user.Email ?? id,
            before: new { Roles = current.Order(), PlannerCounties = beforeCounties },
            after: new { Roles = roles.Order(), PlannerCounties = afterCounties }, ct: ct);
        return new UserActionResult(true, roles.Count == 0
            ? $"{user.Email} has no role now: they can sign in but change nothing. It takes effect on their next request, in open pages too."
            : $"{user.Email} is now {string.Join(" and ", roles)}. It takes effect on their next request, in open pages too.", id);
    }

    public async Task<UserActionResult> SetDisabledAsync(string id, bool disabled, string? actor, string? actorId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused("There is no such user.");
        }
        if (user.Disabled == disabled)
        {
            return new UserActionResult(true, "Nothing to change.", id);
        }
        if (disabled && id == actorId)
        {
            return Refused("You cannot disable your own account.");
        }
        if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdminAsync(user))
        {
            return Refused("This is the last enabled administrator: make someone else an administrator first.");
        }
        user.Disabled = disabled;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Refused(AdminAccountService.Describe(updated));
        }
        // A new security stamp ends the user's open sessions at their next check.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, disabled ? AuditActions.UserDisable : AuditActions.UserEnable, EntityType, user.Email ?? id,
            before: new { Disabled = !disabled }, after: new { Disabled = disabled }, ct: ct);
        return new UserActionResult(true, disabled
            ? $"{user.Email} is disabled: they cannot sign in, and their open sessions end at their next request. Their history stays."
            : $"{user.Email} can sign in again.", id);
    }

    /// <summary>Sets a new password the admin chose (and unlocks the account), or with none, makes a reset token for a link.</summary>
    public async Task<UserActionResult> ResetPasswordAsync(string id, string? newPassword, string? actor, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused("There is no such user.");
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        if (string.IsNullOrEmpty(newPassword))
        {
            await audit.WriteAsync(actor, AuditActions.UserPasswordReset, EntityType, user.Email ?? id, details: "a set-password link was made", ct: ct);
            return new UserActionResult(true, $"Send {user.Email} the link below to choose a new password; it works once, for a limited time. Their current password works until then.", id, token);
        }
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return Refused(AdminAccountService.Describe(reset));
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        lockout.ClearAccount(user.Email ?? "");
        await audit.WriteAsync(actor, AuditActions.UserPasswordReset, EntityType, user.Email ?? id, details: "password set by an administrator; account unlocked", ct: ct);
        return new UserActionResult(true, $"{user.Email} has a new password and is unlocked. Their open sessions end at their next request.", id);
    }

    public async Task<UserActionResult> UnlockAsync(string id, string? actor, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Refused("There is no such user.");
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        lockout.ClearAccount(user.Email ?? "");
        await audit.WriteAsync(actor, AuditActions.UserUnlock, EntityType, user.Email ?? id, ct: ct);
        return new UserActionResult(true, $"{user.Email} is unlocked.", id);
    }

    /// <summary>The set-password page: an invited user's first password, or a reset one. Unlocks the account.</summary>
    public async Task<UserActionResult> SetPasswordWithTokenAsync(string? id, string? token, string? password, CancellationToken ct = default)
    {
        var user = string.IsNullOrEmpty(id) ? null : await users.FindByIdAsync(id);
        if (user is null || string.IsNullOrEmpty(token) || user.Disabled)
        {
            return Refused("This link is not valid. Ask an administrator for a new one.");
        }
        var reset = await users.ResetPasswordAsync(user, token, password ?? "");
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? Refused("This link has expired or was already used. Ask an administrator for a new one.")
                : Refused(AdminAccountService.Describe(reset));
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        lockout.ClearAccount(user.Email ?? "");
        await audit.WriteAsync(user.Email, AuditActions.AccountPasswordSet, EntityType, user.Email ?? id!, ct: ct);
        return new UserActionResult(true, "Your password is set. Sign in with it now.", user.Id);
    }

    private async Task<bool> IsLastAdminAsync(ApplicationUser user) =>
        !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => u.Id != user.Id && !u.Disabled);

    private static List<string> CleanRoles(IEnumerable<string>? roles) =>
        (roles ?? []).Select(r => Roles.All.FirstOrDefault(k => k.Equals(r?.Trim(), StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct().ToList();

    private async Task<(List<(int Id, string Fips)> Counties, string? Problem)> ResolveCountiesAsync(string? list, CancellationToken ct)
    {
        var fips = CountyAdminService.SplitFips(list);
        if (fips.Count == 0)
        {
            return ([], null);
        }
        // A planner may plan for counties (5-digit codes) and cities (7 digits); the code's length says which.
        var found = (await db.Geographies.AsNoTracking()
                .Where(g => fips.Contains(g.Fips))
                .Select(g => new { g.Id, g.Fips, g.Kind })
                .ToListAsync(ct))
            .Where(g => PlaceKind.OfCode(g.Fips)?.Kind == g.Kind)
            .ToList();
        var unknown = fips.Except(found.Select(f => f.Fips)).ToList();
        return unknown.Count > 0
            ? ([], $"No county or city has the code {string.Join(", ", unknown)}.")
            : (found.OrderBy(f => f.Fips, StringComparer.Ordinal).Select(f => (f.Id, f.Fips)).ToList(), null);
    }

    private async Task ReplacePlannerCountiesAsync(string userId, List<(int Id, string Fips)> counties, CancellationToken ct)
    {
        await db.PlannerCounties.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
        foreach (var (geographyId, _) in counties)
        {
            db.PlannerCounties.Add(new PlannerCounty { UserId = userId, GeographyId = geographyId });
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<List<string>> PlannerCountiesAsync(string userId, CancellationToken ct) =>
        await (from p in db.PlannerCounties.AsNoTracking()
               join g in db.Geographies on p.GeographyId equals g.Id
               where p.UserId == userId
               orderby g.Fips
               select g.Fips).ToListAsync(ct);

    private async Task<Dictionary<string, List<string>>> RoleNamesAsync(CancellationToken ct, string? userId = null)
    {
        var pairs = await (from ur in db.UserRoles.AsNoTracking()
                           join r in db.Roles on ur.RoleId equals r.Id
                           where userId == null || ur.UserId == userId
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Select(p => p.Name!).Order(StringComparer.Ordinal).ToList());
    }

    private static UserRow Row(ApplicationUser u, IReadOnlyList<string> roles) => new(
        u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName, roles, u.Disabled,
        u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null, u.CreatedAtUtc, u.PasswordHash is not null);

    private static UserActionResult Refused(string message) => new(false, message);
}

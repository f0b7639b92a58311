using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Admin;
using UpwardMobility.Core.Audit;

namespace UpwardMobility.Core.Accounts;

/// <summary>
/// The roles, and administrators made outside the app: the first admin from configuration and the <c>create-admin</c>
/// command-line verb. There is no default account and no default password: an admin exists only once someone gives
/// one. Register as scoped (it uses Identity's managers).
/// </summary>
public sealed class AdminAccountService(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider time)
{
    /// <summary>Creates the roles that do not exist yet.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>True when an enabled user holds the Admin role.</summary>
    public async Task<bool> AnyAdminAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => !u.Disabled);

    /// <summary>
    /// Makes <paramref name="email"/> an administrator with <paramref name="password"/>: creates the account, or, when it
    /// exists, gives it the Admin role, the new password, and enables and unlocks it (the way back in for an operator
    /// with access to the server).
    /// </summary>
    public async Task<AdminResult> CreateOrResetAdminAsync(string? email, string? password, string actor, string auditAction = AuditActions.UserCreate)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            return AdminResult.Refused("Give the administrator's email address, e.g. admin@example.org.");
        }
        if (string.IsNullOrEmpty(password))
        {
            return AdminResult.Refused("A password is needed.");
        }
        await EnsureRolesAsync();
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return AdminResult.Refused(Describe(result));
            }
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var valid = await validator.ValidateAsync(users, user, password);
                if (!valid.Succeeded)
                {
                    return AdminResult.Refused(Describe(valid));
                }
            }
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
            user.Disabled = false;
            Check(await users.UpdateAsync(user));
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            Check(await users.AddToRoleAsync(user, Roles.Admin));
        }
        await audit.WriteAsync(actor, auditAction, "user", email,
            after: new { user.Email, Roles = await users.GetRolesAsync(user), user.Disabled },
            details: created ? "administrator created" : "existing account made administrator, password reset, enabled and unlocked");
        return AdminResult.Done(created ? $"Created the administrator {email}." : $"{email} is an administrator with the new password, enabled and unlocked.");
    }

    internal static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(Describe(result));
        }
    }
}

using Microsoft.AspNetCore.Components;
using UpwardMobility.Core.Accounts;

namespace UpwardMobility.Web.Admin;

/// <summary>The user form's fields: a check box per role, and a Planner's counties.</summary>
public sealed class UserInput
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public bool Admin { get; set; }
    public bool Analyst { get; set; }
    public bool Planner { get; set; }
    public string? PlannerCounties { get; set; }

    public List<string> SelectedRoles() =>
        [.. new[] { (Admin, Roles.Admin), (Analyst, Roles.Analyst), (Planner, Roles.Planner) }.Where(r => r.Item1).Select(r => r.Item2)];

    public static UserInput From(UserDetail detail) => new()
    {
        Email = detail.User.Email,
        DisplayName = detail.User.DisplayName,
        Admin = detail.User.Roles.Contains(Roles.Admin),
        Analyst = detail.User.Roles.Contains(Roles.Analyst),
        Planner = detail.User.Roles.Contains(Roles.Planner),
        PlannerCounties = string.Join(' ', detail.PlannerCounties),
    };
}

/// <summary>The set-password page's address for an invitation or a reset token.</summary>
public static class PasswordLink
{
    public static string For(NavigationManager navigation, string userId, string token) =>
        navigation.ToAbsoluteUri($"{AccountsPath}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}").ToString();

    private const string AccountsPath = "account/set-password";
}

using Microsoft.AspNetCore.Identity;

namespace UpwardMobility.Core.Accounts;

/// <summary>A signed-in user. Reading dashboards needs no account; changing data does.</summary>
public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Disabled users cannot sign in; their history stays.</summary>
    public bool Disabled { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Analyst = "Analyst";
    public const string Planner = "Planner";

    /// <summary>For <c>[Authorize(Roles = ...)]</c>: who may import data and read the import history.</summary>
    public const string ImportData = Analyst + "," + Admin;

    /// <summary>For <c>[Authorize(Roles = ...)]</c>: who may open plan editing (the county is checked by <see cref="PlannerAccess"/>).</summary>
    public const string EditPlans = Planner + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Planner];
}

/// <summary>A county a Planner may edit the plan of (admins may plan for every county).</summary>
public class PlannerCounty
{
    public required string UserId { get; set; }
    public int GeographyId { get; set; }
}

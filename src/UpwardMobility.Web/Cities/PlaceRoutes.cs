using Microsoft.AspNetCore.Components;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Web.Cities;

/// <summary>
/// The county pages answer at <c>/counties/{fips}/…</c> and, for cities, at <c>/cities/{fips}/…</c>: the first
/// segment of the address says which kind of place the code names.
/// </summary>
public static class PlaceRoutes
{
    public static PlaceKind KindOf(NavigationManager navigation)
    {
        var path = navigation.ToBaseRelativePath(navigation.Uri);
        // The embeddable charts answer under embed/: embed/cities/… is a city too.
        if (path.StartsWith("embed/", StringComparison.OrdinalIgnoreCase))
        {
            path = path["embed/".Length..];
        }
        return path.StartsWith(PlaceKind.City.RoutePrefix + "/", StringComparison.OrdinalIgnoreCase) ? PlaceKind.City : PlaceKind.County;
    }

    public static PlaceKind KindOf(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/" + PlaceKind.City.RoutePrefix, StringComparison.OrdinalIgnoreCase)
            ? PlaceKind.City
            : PlaceKind.County;

    /// <summary>The canonical code of the address's <c>{fips}</c> for that kind, or null (answer 404).</summary>
    public static string? Code(PlaceKind kind, string? routeFips) => kind.Canonical(routeFips);
}

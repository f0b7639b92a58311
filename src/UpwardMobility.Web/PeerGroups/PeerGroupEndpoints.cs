using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using UpwardMobility.Core.PeerGroups;

namespace UpwardMobility.Web.PeerGroups;

/// <summary>
/// Form posts from <see cref="PeerGroupPanel"/> for signed-in users: save and delete, then back to the page with a
/// message in the URL. Antiforgery is checked by the form binding; the group always belongs to the caller.
/// </summary>
public static class PeerGroupEndpoints
{
    public static IEndpointRouteBuilder MapPeerGroupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var peerGroups = endpoints.MapGroup("/peer-groups").RequireAuthorization();
        peerGroups.MapPost("", async ([FromForm] PeerGroupForm form, ClaimsPrincipal user, PeerGroupService groups, CancellationToken ct) =>
        {
            var result = await groups.SaveAsync(UserId(user), form.Name, form.Fips ?? [], ct);
            return Back(form.ReturnUrl, result.Succeeded ? ("saved", result.Group!.Name) : ("peer_error", result.Error!));
        });
        peerGroups.MapPost("/{id:int}/delete", async (int id, [FromForm] PeerGroupForm form, ClaimsPrincipal user, PeerGroupService groups, CancellationToken ct) =>
        {
            var deleted = await groups.DeleteAsync(UserId(user), id, ct);
            return Back(form.ReturnUrl, deleted ? null : ("peer_error", "That peer group no longer exists."));
        });
        return endpoints;
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has no id.");

    /// <summary>Only a path inside this app: anything else would make the form an open redirect.</summary>
    public static string SafeReturnPath(string? returnUrl)
    {
        var path = (returnUrl ?? "").Trim();
        var unsafePath = path.Length == 0 || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            || path.Contains("://", StringComparison.Ordinal) || path.Any(char.IsControl);
        return unsafePath ? "/compare" : "/" + path.TrimStart('/');
    }

    private static IResult Back(string? returnUrl, (string Key, string Value)? message)
    {
        var path = SafeReturnPath(returnUrl);
        if (message is { } m)
        {
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + m.Key + "=" + Uri.EscapeDataString(m.Value);
        }
        return Results.LocalRedirect(path + "#peer-groups");
    }

    public sealed class PeerGroupForm
    {
        public string? Name { get; set; }
        public string[]? Fips { get; set; }
        public string? ReturnUrl { get; set; }
    }
}

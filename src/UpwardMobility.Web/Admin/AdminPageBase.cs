using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;

namespace UpwardMobility.Web.Admin;

/// <summary>The signed-in administrator of an admin page (static server rendering: the request's user).</summary>
public abstract class AdminPageBase : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>The name the audit log records: the administrator's email.</summary>
    protected string? Actor => HttpContext.User.Identity?.Name;

    protected string? ActorId => HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    protected static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}

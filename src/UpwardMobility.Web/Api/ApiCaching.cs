using Microsoft.Net.Http.Headers;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web.Api;

/// <summary>
/// Conditional GETs for the API: every answer carries a weak <c>ETag</c> made from the <see cref="DataVersion"/> (which
/// moves with every import, rollback and audited edit), and a request whose <c>If-None-Match</c> names the current
/// one gets <c>304 Not Modified</c> without the answer being computed. Weak, because the bytes differ with the
/// compression the client accepts while the data are the same. Public data: <c>Cache-Control: public</c>, kept a
/// minute, then revalidated.
/// </summary>
public sealed class ApiCaching(DataVersion dataVersion) : IEndpointFilter
{
    public const string CacheControl = "public, max-age=60, must-revalidate";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var etag = new EntityTagHeaderValue($"\"{ApiSetup.Version}-{await dataVersion.GetAsync(http.RequestAborted)}\"", isWeak: true);
        if (Matches(http.Request.GetTypedHeaders().IfNoneMatch, etag))
        {
            Stamp(http.Response, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        http.Response.OnStarting(() =>
        {
            // Only a successful answer is a representation of the data; problems are not kept.
            if (http.Response.StatusCode == StatusCodes.Status200OK)
            {
                Stamp(http.Response, etag);
            }
            else
            {
                http.Response.Headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return await next(context);
    }

    private static void Stamp(HttpResponse response, EntityTagHeaderValue etag)
    {
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = CacheControl;
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110, 13.1.2): <c>W/"x"</c> matches <c>"x"</c>.</summary>
    private static bool Matches(IList<EntityTagHeaderValue>? ifNoneMatch, EntityTagHeaderValue current) =>
        ifNoneMatch is { Count: > 0 } && ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
}

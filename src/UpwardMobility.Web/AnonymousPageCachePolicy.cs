using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace UpwardMobility.Web;

/// <summary>
/// Lets the output cache store anonymous static-rendered pages. Blazor issues an antiforgery cookie with every
/// server-rendered page (so streamed forms can carry a token), and the default policy never stores a response that
/// sets a cookie. The cached pages have no form that posts for anonymous visitors, so for them the antiforgery
/// cookie is dropped instead (pages that post, like sign-in, are not cached and still set it). Any other cookie
/// still prevents storage, and signed-in requests are never cached (the default policy).
/// </summary>
public sealed class AnonymousPageCachePolicy(IOptions<AntiforgeryOptions> antiforgery) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cookieName = antiforgery.Value.Cookie.Name;
        if (context.EnableOutputCaching && http.User.Identity?.IsAuthenticated != true && cookieName is not null)
        {
            // Before the headers go out: by the time the cache decides whether to store, the response has been sent.
            http.Response.OnStarting(() =>
            {
                var cookies = http.Response.Headers.SetCookie;
                if (cookies.Count > 0)
                {
                    http.Response.Headers.SetCookie = cookies.Where(c => c is not null && !c.StartsWith(cookieName + "=", StringComparison.Ordinal)).ToArray();
                }
                return Task.CompletedTask;
            });
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}

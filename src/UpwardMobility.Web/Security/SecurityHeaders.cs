using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace UpwardMobility.Web.Security;

/// <summary>
/// Security headers on every response (pages, endpoints, static files, error pages):
/// a Content-Security-Policy that allows only this site's own scripts, styles, images, fonts and connections (the
/// Blazor circuit's WebSocket is same-origin), no framing, no plugins, forms posting only here; plus
/// X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Permissions-Policy and Cross-Origin-Opener-Policy.
/// The embeddable charts under <see cref="EmbedPath"/> are the one exception to "no framing": any site may frame them
/// (they show public data only and render nothing that depends on who is signed in).
/// </summary>
/// <remarks>
/// The only inline script is Blazor's import map (<c>&lt;ImportMap /&gt;</c> in App.razor); it is allowed by its SHA-256
/// hash, computed from the page endpoint's <see cref="ImportMapDefinition"/>, so no <c>'unsafe-inline'</c> and no
/// <c>'unsafe-eval'</c> are needed. For charts use Plotly.Blazor's <c>plotly-basic</c> bundle (the full bundle's WebGL
/// traces compile code from strings, which this policy refuses).
/// </remarks>
public static class SecurityHeaders
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Pages under this path may be framed by other sites (<c>frame-ancestors *</c>, no X-Frame-Options).</summary>
    public const string EmbedPath = "/embed";

    private const string BasePolicy =
        "default-src 'self'; " +
        // blob: for Plotly's "Download plot as a PNG": it draws the chart's SVG from a blob: URL onto a canvas. Blob URLs
        // can only be made by this page's own scripts.
        "img-src 'self' data: blob:; " +
        // The hash is that of an empty inline style: Plotly adds an empty <style> element, then fills it through the
        // CSSOM (allowed), and its colour bars reset their rectangles with style="" ('unsafe-hashes' lets that one
        // empty attribute through). Nothing with content can match it.
        "style-src 'self' 'unsafe-hashes' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ImportMapHashes = [];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        return next(context);
    });

    /// <summary>The policy for a response: the base policy, with the import map's hash when the page has one.</summary>
    public static string ContentSecurityPolicy(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyOverride>() is { } own)
        {
            return own.Policy(context);
        }
        var importMap = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
        var scripts = importMap is null ? "script-src 'self'" : $"script-src 'self' '{ImportMapHashes.GetValue(importMap, Hash)}'";
        var framing = IsEmbed(context) ? "frame-ancestors *" : "frame-ancestors 'none'";
        return $"{BasePolicy}; {framing}; {scripts}";
    }

    /// <summary>True for the embeddable chart pages, which other sites may frame.</summary>
    public static bool IsEmbed(HttpContext context) => context.Request.Path.StartsWithSegments(EmbedPath, StringComparison.OrdinalIgnoreCase);

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(context);
        headers.XContentTypeOptions = "nosniff";
        if (IsEmbed(context))
        {
            // Antiforgery writes SAMEORIGIN whenever a page renders a token; a frame on another site needs none.
            headers.Remove("X-Frame-Options");
        }
        else
        {
            headers.XFrameOptions = "DENY";
        }
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Pages for signed-in users (admin, import) are not kept by browsers or proxies.
        if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
        {
            headers.CacheControl = "no-store";
        }
        return Task.CompletedTask;
    }

    private static string Hash(ImportMapDefinition importMap) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())));
}

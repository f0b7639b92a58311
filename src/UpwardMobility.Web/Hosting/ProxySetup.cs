using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace UpwardMobility.Web.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy (nginx, a load balancer) the app sees plain HTTP from the proxy. The proxy's
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the addresses in
/// <c>Proxy:KnownProxies</c> and <c>Proxy:KnownNetworks</c> (loopback always), so the request then carries the
/// client's address (rate limits, logs) and its original scheme (Secure cookies, HSTS, redirects). Anyone else's
/// forwarded headers are ignored.
/// </summary>
public static class ProxySetup
{
    public const string KnownProxiesKey = "Proxy:KnownProxies";
    public const string KnownNetworksKey = "Proxy:KnownNetworks";
    public const string HttpsRedirectionKey = "Security:HttpsRedirection";

    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front: the last address it adds is the client's.
            o.ForwardLimit = 1;
            foreach (var address in List(configuration[KnownProxiesKey]))
            {
                o.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in List(configuration[KnownNetworksKey]))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>
    /// First in the pipeline: the original scheme and client address; then HSTS (sent by the middleware only on
    /// requests that arrived over HTTPS, never for localhost) outside Development; and, when
    /// <c>Security:HttpsRedirection</c> is true, plain-HTTP requests are redirected to HTTPS (a request the proxy
    /// received over HTTPS is HTTPS here, so it is never redirected in a loop).
    /// </summary>
    public static void UseProxySupport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        if (string.Equals(app.Configuration[HttpsRedirectionKey], "true", StringComparison.OrdinalIgnoreCase))
        {
            app.UseHttpsRedirection();
        }
        var allowedHosts = app.Configuration["AllowedHosts"];
        if (!app.Environment.IsDevelopment() && (string.IsNullOrWhiteSpace(allowedHosts) || allowedHosts.Trim() == "*"))
        {
            app.Logger.LogWarning(
                "AllowedHosts is '*': any Host header is accepted and used in absolute links. Set AllowedHosts (environment AllowedHosts) to the site's host names, separated by ';'.");
        }
    }

    private static IEnumerable<string> List(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

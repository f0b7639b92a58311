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
        if (!app.Environment.IsDevelopment() && AcceptsAnyHost(app.Configuration))
        {
            app.Logger.LogWarning(
                "AllowedHosts is '*': any Host header is accepted and used in absolute links. Set AllowedHosts (environment AllowedHosts) to the site's host names, separated by ';'.");
        }
    }

    /// <summary>
    /// Before anything else at start-up: in Production the site must name the hosts it answers to, because with
    /// <c>AllowedHosts</c> <c>*</c> redirects and absolute links are built from whatever Host header a client sends.
    /// Stops start-up with one line naming the setting (the command-line verbs serve no requests and are not stopped).
    /// </summary>
    public static void RefuseAnyHostInProduction(this WebApplication app)
    {
        if (app.Environment.IsProduction() && AcceptsAnyHost(app.Configuration))
        {
            throw new UpwardMobility.Core.Data.StartupStoppedException(
                $"AllowedHosts is {(string.IsNullOrWhiteSpace(app.Configuration["AllowedHosts"]) ? "not set" : "'" + app.Configuration["AllowedHosts"]!.Trim() + "'")}: in Production set AllowedHosts to the host names the app answers to, separated by ';' (environment variable AllowedHosts=dashboard.example.org;localhost).");
        }
    }

    /// <summary>Empty, or <c>*</c> anywhere in the list: host filtering then lets every Host header through.</summary>
    private static bool AcceptsAnyHost(IConfiguration configuration) =>
        List(configuration["AllowedHosts"]) is var hosts && (!hosts.Any() || hosts.Contains("*"));

    private static IEnumerable<string> List(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

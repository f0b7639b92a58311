using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using UpwardMobility.Web.Security;

namespace UpwardMobility.Web.Api;

/// <summary>Settings of the open data API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>Requests each client address may make to <c>/api/v1</c> per minute before a 429 (<c>Api:RateLimit:PerClientPerMinute</c>).</summary>
    public int PerClientPerMinute { get; set; } = 300;
}

/// <summary>
/// The open data API (<c>/api/v1</c>): read-only JSON on the same Core read services as the pages and CSVs, its OpenAPI
/// document (<c>/openapi/v1.json</c>) and its reference page (<c>/api</c>, Scalar, every file served by the app).
/// Anonymous, GET only, CORS open to every origin for GET, rate-limited per client address, conditional on the data
/// version (ETag). It reads public data only: no account, draft or audit entry is reachable from it (docs/api.md).
/// </summary>
public static class ApiSetup
{
    /// <summary>The API's version: in the path, the OpenAPI document's name and every ETag.</summary>
    public const string Version = "v1";

    public const string CorsPolicy = "open-data-api";
    public const string RateLimitPolicy = "open-data-api";
    public const string ReferencePath = "/api";

    public static IServiceCollection AddOpenDataApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection("Api:RateLimit"));
        // snake_case names as in the CSVs, for the API's answers and its OpenAPI schemas (no other endpoint writes
        // JSON through these options: the map's details.json has its own).
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // Numbers are numbers, in the answers and in the schemas (the web defaults also accept "12" for 12).
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddOpenApi(Version, ApiOpenApi.Configure);
        services.AddCors(o => o.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get)
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddRateLimiter(o => o.AddPolicy<string, PerClientLimit>(RateLimitPolicy));
        return services;
    }

    /// <summary>
    /// CORS, after the proxy support and before the endpoints. The API's rate limit policy runs in the app's one rate
    /// limiter middleware (<c>UseSignInThrottle</c>): a second one would run the global sign-in limits twice and count
    /// every sign-in two times.
    /// </summary>
    public static IApplicationBuilder UseOpenDataApi(this IApplicationBuilder app) => app.UseCors();

    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/" + Version)
            .WithTags("Open data")
            .AllowAnonymous()
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<ApiCaching>();
        Document(api.MapGet("/catalog", CatalogPlacesApi.CatalogAsync), "ApiCatalog",
            "The catalog: dimensions, pillars, predictors and metrics",
            "Every metric with its unit, direction (whether higher or lower is better), caveats and special values, in the framework's order.");
        Document(api.MapGet("/places", CatalogPlacesApi.ListAsync), "ApiPlaces",
            "Counties and cities, listed or searched",
            "Without q: every visible place by state, then name. With q: the search box's ranked matches (name, name and state, or code).");
        Document(api.MapGet("/places/{code}", CatalogPlacesApi.PlaceAsync), "ApiPlace",
            "One county or city",
            "Its name, state, population, succession (historical counties) and, for a city, its counties; for a county, its cities.");
        Document(api.MapGet("/places/{code}/values", CatalogPlacesApi.ValuesAsync), "ApiPlaceValues",
            "A place's values",
            "Every stored value (metric, year, subgroup) with its 95% interval, quality and special-value meaning: the rows of the place's data.csv, and the data stamp the pages show.");
        Document(api.MapGet("/places/{code}/plan", ComparePlanApi.PlanAsync), "ApiPlacePlan",
            "A place's mobility action plan",
            "Priorities and targets with baseline, latest value and progress, as the public plan page shows them. Plans have no releases yet: this is the plan as published today, and will be the latest release once releases exist. No account names.");
        Document(api.MapGet("/metrics/{metric}/places", MetricPlacesApi.PlacesAsync), "ApiMetricPlaces",
            "One metric across places for a year",
            "What the map and the rankings show: each place's value, the rankings' rank and better-than share, the map panel's standing in words and in parts (rank, plausible range, ties, band), and Urban's benchmarks as the pages label them.");
        Document(api.MapGet("/compare", ComparePlanApi.CompareAsync), "ApiCompare",
            "Two to six places side by side",
            "Each metric in one year for all places, best and worst of those shown, and each difference from the first place judged by the 95% intervals, as the comparison page and compare.csv word it.");

        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().RequireCors(CorsPolicy).RequireRateLimiting(RateLimitPolicy);
        endpoints.MapScalarApiReference(ReferencePath, (options, _) => options
                .WithTitle("Upward Mobility Dashboard: open data API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(Version, "v1", "/openapi/" + Version + ".json")
                // Nothing from the internet: no fonts from Scalar's CDN, no telemetry, no AI agent or MCP calls.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .AllowAnonymous()
            .WithMetadata(new ContentSecurityPolicyOverride(ReferencePagePolicy));
        return endpoints;
    }

    /// <summary>
    /// The reference page's policy: Scalar's own scripts from this site plus its inline start-up script by the nonce it
    /// draws per request; its styles are injected by its script, so inline styles are allowed on this page only
    /// (it has no form, no account data and no antiforgery token).
    /// </summary>
    private static string ReferencePagePolicy(HttpContext context)
    {
        var nonce = context.Items[ScalarOptions.NonceHttpContextItemKey] as string;
        return "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
            + (nonce is null ? "script-src 'self'" : $"script-src 'self' 'nonce-{nonce}'");
    }

    private static void Document(RouteHandlerBuilder route, string name, string summary, string description) =>
        route.WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>A fixed one-minute window per client address; a refused request gets a 429 problem with Retry-After.</summary>
    private sealed class PerClientLimit(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            var http = context.HttpContext;
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            await ApiQuery.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"This address made more than {options.Value.PerClientPerMinute.ToString(CultureInfo.InvariantCulture)} requests in a minute. Try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.")
                .ExecuteAsync(http);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter(
                httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.Value.PerClientPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
    }
}

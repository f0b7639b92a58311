using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Security;

/// <summary>
/// Every endpoint and routable page of the app, from the app's own <see cref="EndpointDataSource"/>, checked against
/// the table below for anonymous visitors, an Analyst and an Admin. An endpoint that is not in the table fails the
/// test: whoever adds one decides here who may use it.
/// </summary>
public class AuthorizationMatrixTests
{
    /// <summary>Who may use an endpoint.</summary>
    public enum Access
    {
        /// <summary>Everyone, signed in or not.</summary>
        Public,

        /// <summary>Any signed-in user; anonymous visitors are sent to sign in.</summary>
        SignedIn,

        /// <summary>Analysts and admins; anonymous visitors are sent to sign in.</summary>
        ImportData,

        /// <summary>Admins only; anonymous visitors are sent to sign in, analysts are refused.</summary>
        Admin,

        /// <summary>Planners and admins (the page checks the planner's counties again); anonymous visitors sign in, analysts are refused.</summary>
        Plan,
    }

    /// <summary>"METHODS route" (methods sorted, comma-separated) → who may use it.</summary>
    private static readonly Dictionary<string, Access> Expected = new(StringComparer.Ordinal)
    {
        // Dashboards: public.
        ["GET,POST /"] = Access.Public,
        ["GET,POST /counties"] = Access.Public,
        ["GET,POST /counties/{Fips}"] = Access.Public,
        ["GET /counties/{fips}/data.csv"] = Access.Public,
        ["GET,POST /counties/{Fips}/metrics/{MetricKey}"] = Access.Public,
        ["GET /counties/{fips}/metrics/{metric}.csv"] = Access.Public,
        ["GET,POST /counties/{Fips}/pillars/{PillarKey}"] = Access.Public,
        ["GET,POST /counties/{Fips}/plan"] = Access.Public,
        ["GET /counties/{fips}/plan.csv"] = Access.Public,

        // Editing a plan: planners (of that county, checked by the page and the service) and admins.
        ["GET,POST /counties/{Fips}/plan/edit"] = Access.Plan,
        ["GET,POST /cities"] = Access.Public,
        ["GET,POST /cities/{Fips}"] = Access.Public,
        ["GET /cities/{fips}/data.csv"] = Access.Public,
        ["GET,POST /cities/{Fips}/metrics/{MetricKey}"] = Access.Public,
        ["GET /cities/{fips}/metrics/{metric}.csv"] = Access.Public,
        ["GET,POST /cities/{Fips}/pillars/{PillarKey}"] = Access.Public,
        ["GET,POST /cities/{Fips}/plan"] = Access.Public,
        ["GET /cities/{fips}/plan.csv"] = Access.Public,
        ["GET,POST /cities/{Fips}/plan/edit"] = Access.Plan,
        ["GET,POST /embed/cities/{Fips}/metrics/{MetricKey}/trend"] = Access.Public,
        ["GET,POST /embed/cities/{Fips}/metrics/{MetricKey}/subgroups"] = Access.Public,
        ["GET,POST /not-found"] = Access.Public,
        ["GET,POST /Error"] = Access.Public,
        ["GET /healthz"] = Access.Public,
        ["GET /healthz/live"] = Access.Public,
        ["GET /healthz/ready"] = Access.Public,

        // Across counties: public; saving peer groups in an account needs one.
        ["GET,POST /map"] = Access.Public,
        ["GET /map/map.svg"] = Access.Public,
        ["GET /map/details.json"] = Access.Public,
        ["GET,POST /rankings"] = Access.Public,
        ["GET /rankings.csv"] = Access.Public,
        ["GET,POST /compare"] = Access.Public,
        ["GET /compare.csv"] = Access.Public,
        ["GET /map.csv"] = Access.Public,

        // The open data API (issue #26), its OpenAPI document and its reference page's files: public, read-only.
        ["GET /api/v1/catalog"] = Access.Public,
        ["GET /api/v1/places"] = Access.Public,
        ["GET /api/v1/places/{code}"] = Access.Public,
        ["GET /api/v1/places/{code}/values"] = Access.Public,
        ["GET /api/v1/places/{code}/plan"] = Access.Public,
        ["GET /api/v1/metrics/{metric}/places"] = Access.Public,
        ["GET /api/v1/compare"] = Access.Public,
        ["GET /openapi/{documentName}.json"] = Access.Public,
        ["GET /api/{documentName?}"] = Access.Public,
        ["GET /api/favicon.svg"] = Access.Public,
        ["GET /api/scalar.js"] = Access.Public,
        ["GET /api/scalar.aspnetcore.js"] = Access.Public,

        // Embeddable charts and the methods page: public (nothing signed-in is shown there).
        ["GET,POST /embed/counties/{Fips}/metrics/{MetricKey}/trend"] = Access.Public,
        ["GET,POST /embed/counties/{Fips}/metrics/{MetricKey}/subgroups"] = Access.Public,
        ["GET,POST /embed/map"] = Access.Public,
        ["GET,POST /methods"] = Access.Public,
        ["POST /peer-groups"] = Access.SignedIn,
        ["POST /peer-groups/{id:int}/delete"] = Access.SignedIn,

        // Accounts: public by nature.
        ["GET,POST /account/sign-in"] = Access.Public,
        ["GET,POST /account/access-denied"] = Access.Public,
        ["GET,POST /account/set-password"] = Access.Public,
        ["POST /account/sign-out"] = Access.Public,

        // Imports: analysts and admins (rollback is checked again in its handler: admins only).
        ["GET,POST /import"] = Access.ImportData,
        ["GET,POST /import/history"] = Access.ImportData,
        ["GET,POST /import/history/{Id:int}"] = Access.ImportData,

        // Administration: admins.
        ["GET,POST /admin"] = Access.Admin,
        ["GET,POST /admin/counties"] = Access.Admin,
        ["GET,POST /admin/counties/{Fips}"] = Access.Admin,
        ["GET,POST /admin/metrics"] = Access.Admin,
        ["GET,POST /admin/metrics/{Key}"] = Access.Admin,
        ["GET,POST /admin/users"] = Access.Admin,
        ["GET,POST /admin/users/{UserId}"] = Access.Admin,
        ["GET,POST /admin/audit"] = Access.Admin,

        // Blazor's own endpoints: the circuit hub (a circuit starts only from a page the user could open, and the
        // import history checks the role again before a rollback), and enhanced navigation's redirect helper.
        ["* /_blazor"] = Access.Public,
        ["* /_blazor/negotiate"] = Access.Public,
        ["* /_blazor/disconnect"] = Access.Public,
        ["* /_blazor/initializers"] = Access.Public,
        ["GET /_framework/opaque-redirect"] = Access.Public,

        // Development only: static web assets served from the projects' folders.
        ["GET,HEAD /{**path:file}"] = Access.Public,
    };

    /// <summary>Sample values for route parameters (by name, case-insensitive); <c>{UserId}</c> is the test admin's id.</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fips"] = "06037",
        ["id"] = "1",
        ["key"] = "share_employed",
        ["metric"] = "share_employed",
        ["metrickey"] = "share_employed",
        ["pillarkey"] = "rewarding-work",
        ["path"] = "favicon.png",
        ["code"] = "06037",
        ["documentname"] = "v1",
    };

    [Fact]
    public async Task Every_endpoint_has_the_expected_access_for_anonymous_analyst_and_admin()
    {
        await using var app = await TestHost.StartAsync(new());
        var analystId = await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        var adminId = await app.CreateUserAsync("admin@example.org", [Roles.Admin]);
        var samples = new Dictionary<string, string>(Samples, StringComparer.OrdinalIgnoreCase) { ["userid"] = adminId };
        // City addresses take a city's 7-digit code (Auburn city, AL, from the bundled city list).
        var citySamples = new Dictionary<string, string>(samples, StringComparer.OrdinalIgnoreCase) { ["fips"] = "0103076" };

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var staticAssets = endpoints.Where(IsStaticAsset).ToList();
        var routes = endpoints.Except(staticAssets).GroupBy(Describe).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        // 1. The table and the app list the same endpoints.
        var unlisted = routes.Keys.Where(k => !Expected.ContainsKey(k)).Order().ToList();
        Assert.True(unlisted.Count == 0,
            "Endpoints without an entry in AuthorizationMatrixTests.Expected (decide who may use them and add them):\n  " + string.Join("\n  ", unlisted));
        var gone = Expected.Keys.Where(k => !routes.ContainsKey(k)).Order().ToList();
        Assert.True(gone.Count == 0, "Entries of AuthorizationMatrixTests.Expected the app no longer has:\n  " + string.Join("\n  ", gone));

        // 2. Their authorization metadata says what the table says.
        foreach (var (key, group) in routes)
        {
            foreach (var endpoint in group)
            {
                Assert.True(Expected[key] == FromMetadata(endpoint), $"{key}: its [Authorize] metadata gives {FromMetadata(endpoint)}, the table {Expected[key]}.");
            }
        }
        Assert.All(staticAssets, e => Assert.Equal(Access.Public, FromMetadata(e)));
        Assert.NotEmpty(staticAssets);

        // 3. Requests get it: every GET endpoint, as each kind of user.
        var anonymous = app.BrowserLikeClient();
        var analyst = await app.SignedInClientAsync("analyst@example.org");
        var admin = await app.SignedInClientAsync("admin@example.org");
        var failures = new List<string>();
        foreach (var (key, group) in routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var endpoint = group[0];
            if (!Methods(endpoint).Contains("GET"))
            {
                continue; // POST-only endpoints: checked by their metadata above, and by the antiforgery tests
            }
            var url = Expand(endpoint.RoutePattern, endpoint.RoutePattern.RawText?.Contains("cities/", StringComparison.Ordinal) == true ? citySamples : samples);
            var expected = Expected[key];
            await Check(failures, key, url, "anonymous", anonymous, expected == Access.Public ? Outcome.Allowed : Outcome.SignIn);
            await Check(failures, key, url, "analyst", analyst, expected is Access.Admin or Access.Plan ? Outcome.Denied : Outcome.Allowed);
            await Check(failures, key, url, "admin", admin, Outcome.Allowed);
        }
        foreach (var asset in new[] { "/favicon.png", "/app.css" })
        {
            await Check(failures, "static asset", asset, "anonymous", anonymous, Outcome.Allowed);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.NotEqual(analystId, adminId);
    }

    private enum Outcome
    {
        Allowed,
        SignIn,
        Denied,
    }

    private static async Task Check(List<string> failures, string key, string url, string who, HttpClient client, Outcome expected)
    {
        using var response = await client.GetAsync(url);
        var location = response.Headers.Location?.ToString() ?? "";
        var actual = response.StatusCode switch
        {
            HttpStatusCode.Found or HttpStatusCode.Redirect when location.Contains("/account/sign-in", StringComparison.Ordinal) => Outcome.SignIn,
            HttpStatusCode.Found when location.Contains("/account/access-denied", StringComparison.Ordinal) => Outcome.Denied,
            HttpStatusCode.Unauthorized => Outcome.SignIn,
            HttpStatusCode.Forbidden => Outcome.Denied,
            _ => Outcome.Allowed,
        };
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{key} ({url}) as {who}: {(int)response.StatusCode}");
        }
        else if (actual != expected)
        {
            failures.Add($"{key} ({url}) as {who}: {actual} ({(int)response.StatusCode} {location}), expected {expected}");
        }
    }

    private static Access FromMetadata(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Access.Public;
        }
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.Count == 0)
        {
            return Access.Public;
        }
        var roles = authorize.SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
        return roles.Count == 0 ? Access.SignedIn
            : roles.SetEquals([Roles.Admin]) ? Access.Admin
            : roles.SetEquals([Roles.Analyst, Roles.Admin]) ? Access.ImportData
            : roles.SetEquals([Roles.Planner, Roles.Admin]) ? Access.Plan
            : throw new InvalidOperationException($"{endpoint.DisplayName}: roles {string.Join(",", roles)} fit no row of the matrix.");
    }

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    private static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Order(StringComparer.Ordinal).ToList() ?? [];

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = Methods(endpoint);
        // A route group's empty pattern leaves a trailing slash ("/peer-groups" + "" is "/peer-groups/"); routing ignores it.
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
        return $"{(methods.Count == 0 ? "*" : string.Join(",", methods))} {pattern}";
    }

    private static string Expand(RoutePattern pattern, Dictionary<string, string> samples)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => samples.TryGetValue(parameter.Name, out var value)
                ? value
                : throw new InvalidOperationException($"Add a sample value for the route parameter {{{parameter.Name}}} to AuthorizationMatrixTests.Samples."),
            _ => "",
        })));
        return "/" + string.Join("/", segments);
    }
}

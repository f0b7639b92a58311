using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.Playwright;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Api;

/// <summary>
/// The open data API on real Urban files: every route in the OpenAPI document, its numbers and words equal to what the
/// pages and CSVs show for the same view, problems on bad input, ETag, CORS, the rate limit, the reference page with
/// nothing from the internet, and the telemetry. In the browser collection for the reference page's test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenDataApiTests(BrowserFixture browser, ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Metric = "share_employed";
    private const string Autauga = ApiWebApp.Autauga;

    private static readonly string[] Routes =
    [
        "/api/v1/catalog", "/api/v1/places", "/api/v1/places/{code}", "/api/v1/places/{code}/values",
        "/api/v1/metrics/{metric}/places", "/api/v1/compare", "/api/v1/places/{code}/plan",
    ];

    [Fact]
    public async Task The_OpenAPI_document_validates_and_describes_every_route_with_examples()
    {
        using var client = app.ClientFromOwnAddress();
        var json = await client.GetStringAsync("/openapi/v1.json");

        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(Routes.Order(), document.Paths.Keys.Order());
        foreach (var (path, item) in document.Paths)
        {
            var get = Assert.Single(item.Operations!).Value;
            Assert.False(string.IsNullOrWhiteSpace(get.Summary), path);
            Assert.False(string.IsNullOrWhiteSpace(get.Description), path);
            Assert.Contains("200", get.Responses!.Keys);
            Assert.Contains("400", get.Responses.Keys);
            Assert.Contains("304", get.Responses.Keys);
            Assert.All(get.Parameters ?? [], p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{path} {p.Name}");
                Assert.NotNull(p.Example);
            });
        }
        // snake_case as in the CSVs, and numbers typed as numbers only.
        var schemas = JsonNode.Parse(json)!["components"]!["schemas"]!;
        var value = schemas["PlaceValue"]!["properties"]!;
        Assert.NotNull(value["lower_bound"]);
        Assert.Equal("[\"null\",\"number\"]", value["value"]!["type"]!.ToJsonString());
        Assert.Equal("integer", value["year"]!["type"]!.GetValue<string>());
        // Nothing but public data is described: no account, draft or audit route.
        Assert.DoesNotContain(document.Paths.Keys, p => p.Contains("account", StringComparison.OrdinalIgnoreCase)
            || p.Contains("audit", StringComparison.OrdinalIgnoreCase) || p.Contains("user", StringComparison.OrdinalIgnoreCase)
            || p.Contains("draft", StringComparison.OrdinalIgnoreCase) || p.Contains("import", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_places_values_are_the_rows_of_its_data_csv()
    {
        using var client = app.ClientFromOwnAddress();
        var api = await JsonAsync(client, $"/api/v1/places/{Autauga}/values?page_size=1000");
        var csv = (await ApiCsv.GetAsync(client, $"/counties/{Autauga}/data.csv")).Where(r => r["value"].Length > 0).ToList();

        var items = api["values"]!["items"]!.AsArray();
        Assert.Equal(csv.Count, api["values"]!["total"]!.GetValue<int>());
        Assert.True(csv.Count > 5);
        Assert.Equal(csv.Count, items.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            var row = csv[i];
            var item = items[i]!;
            Assert.Equal(row["metric"], item["metric"]!.GetValue<string>());
            Assert.Equal(int.Parse(row["year"], CultureInfo.InvariantCulture), item["year"]!.GetValue<int>());
            Assert.Equal(row["subgroup_type"], item["subgroup_type"]!.GetValue<string>());
            Assert.Equal(row["subgroup"], item["subgroup"]!.GetValue<string>());
            Assert.Equal(ApiCsv.Number(row["value"]), item["value"]!.GetValue<double>());
            Assert.Equal(ApiCsv.Number(row["lower_bound"]), item["lower_bound"]?.GetValue<double>());
            Assert.Equal(ApiCsv.Number(row["upper_bound"]), item["upper_bound"]?.GetValue<double>());
            Assert.Equal(row["quality"], item["quality"]?.GetValue<string>() ?? "");
            Assert.Equal(JsonValueKind.Number, item["value"]!.GetValueKind());
        }
        Assert.Contains("metrics_employment_county_all_longitudinal.csv", api["data_stamp"]!["sentence"]!.GetValue<string>(), StringComparison.Ordinal);

        // One metric, one year: a filter of the same rows.
        var year = items[^1]!["year"]!.GetValue<int>();
        var one = await JsonAsync(client, FormattableString.Invariant($"/api/v1/places/{Autauga}/values?metric={Metric}&year={year}"));
        var single = Assert.Single(one["values"]!["items"]!.AsArray());
        Assert.Equal(items[^1]!.ToJsonString(), single!.ToJsonString());
    }

    [Fact]
    public async Task A_metric_across_counties_has_the_rankings_ranks_the_map_panels_standings_and_the_pages_benchmarks()
    {
        using var client = app.ClientFromOwnAddress();
        var latest = await JsonAsync(client, $"/api/v1/metrics/{Metric}/places?page_size=1");
        var year = latest["year"]!.GetValue<int>();
        var query = FormattableString.Invariant($"metric={Metric}&year={year}");

        var places = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var json = await JsonAsync(client, FormattableString.Invariant($"/api/v1/metrics/{Metric}/places?year={year}&page={page}&page_size=1000"));
            places.AddRange(json["places"]!["items"]!.AsArray().Select(n => n!));
            if (page >= json["places"]!["page_count"]!.GetValue<int>())
            {
                break;
            }
        }
        var rankings = await ApiCsv.GetAsync(client, "/rankings.csv?" + query);
        Assert.True(rankings.Count > 2000, $"{rankings.Count} rows; {places.Count} places");
        Assert.Equal(rankings.Select(r => r["fips"]), places.Select(p => p["code"]!.GetValue<string>()));
        for (var i = 0; i < rankings.Count; i++)
        {
            Assert.Equal(ApiCsv.Integer(rankings[i]["rank"]), places[i]["rank"]?.GetValue<int>());
            Assert.Equal(ApiCsv.Number(rankings[i]["value"]), places[i]["value"]?.GetValue<double>());
            Assert.Equal(ApiCsv.Number(rankings[i]["better_than_share"]), places[i]["better_than_share"]?.GetValue<double>());
            Assert.Equal(ApiCsv.Number(rankings[i]["national_percentile"]), places[i]["national_percentile"]?.GetValue<double>());
            Assert.Equal(rankings[i]["quality"], places[i]["quality"]?.GetValue<string>() ?? "");
        }

        // The map's panel: the same standing sentence for every county it describes.
        var details = JsonNode.Parse(await client.GetStringAsync("/map/details.json?" + query))!.AsObject();
        Assert.True(details.Count > 2000, details.ToJsonString()[..Math.Min(300, details.ToJsonString().Length)]);
        var byCode = places.ToDictionary(p => p["code"]!.GetValue<string>());
        foreach (var (code, detail) in details)
        {
            Assert.Equal(detail!["standing"]?.GetValue<string>(), byCode[code]["standing"]?["words"]?.GetValue<string>());
        }
        var ranked = places.First(p => p["standing"]?["kind"]?.GetValue<string>() == "ranked" && p["standing"]!["plausible_best"] is not null);
        Assert.Contains(Ordinal(ranked["standing"]!["rank"]!.GetValue<int>()), ranked["standing"]!["words"]!.GetValue<string>(), StringComparison.Ordinal);

        // Benchmarks as the metric page's CSV (trend) gives them for that year, nationally and for Alabama.
        var trend = (await ApiCsv.GetAsync(client, FormattableString.Invariant($"/counties/{Autauga}/metrics/{Metric}.csv?year={year}")))
            .Single(r => r["section"] == "trend" && r["year"] == year.ToString(CultureInfo.InvariantCulture));
        var alabama = await JsonAsync(client, FormattableString.Invariant($"/api/v1/metrics/{Metric}/places?year={year}&state=AL"));
        Assert.Equal(ApiCsv.Number(trend["national_weighted_median"]), alabama["national_benchmark"]!["value"]!.GetValue<double>());
        Assert.Equal(ApiCsv.Number(trend["national_median"]), alabama["national_benchmark"]!["median"]!.GetValue<double>());
        var state = alabama["state_benchmark"]!;
        Assert.Equal(ApiCsv.Number(trend["state_weighted_median"]), state["value"]?.GetValue<double>());
        // Left blank (too many Alabamians in counties without a value): the pages' reason travels with it.
        Assert.Equal(state["value"] is null, state["suppressed_reason"]?.GetValue<string>() is { Length: > 0 });
        Assert.Equal(ApiCsv.Number(trend["state_median"]), state["median"]?.GetValue<double>());
        Assert.Equal("US (population-weighted median of counties)", alabama["national_benchmark"]!["label"]!.GetValue<string>());
        Assert.Equal("Alabama (population-weighted median of its counties)", alabama["state_benchmark"]!["label"]!.GetValue<string>());
        var alabamaCodes = alabama["places"]!["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(rankings.Where(r => r["fips"].StartsWith("01", StringComparison.Ordinal)).Select(r => r["fips"]), alabamaCodes);
    }

    [Fact]
    public async Task Compare_gives_the_comparison_csvs_values_and_judgements()
    {
        using var client = app.ClientFromOwnAddress();
        var api = await JsonAsync(client, "/api/v1/compare?code=01001&code=01003&code=01005");
        var csv = await ApiCsv.GetAsync(client, "/compare.csv?fips=01001&fips=01003&fips=01005");

        var cells = api["rows"]!.AsArray()
            .SelectMany(r => r!["cells"]!.AsArray().Select(c => (Metric: r["metric"]!.GetValue<string>(), Year: r["year"]?.GetValue<int>(), Cell: c!)))
            .ToList();
        Assert.Equal(csv.Count, cells.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i]["metric"], cells[i].Metric);
            Assert.Equal(ApiCsv.Integer(csv[i]["year"]), cells[i].Year);
            Assert.Equal(csv[i]["fips"], cells[i].Cell["code"]!.GetValue<string>());
            Assert.Equal(ApiCsv.Number(csv[i]["value"]), cells[i].Cell["value"]?.GetValue<double>());
            Assert.Equal(ApiCsv.Number(csv[i]["difference_from_reference"]), cells[i].Cell["difference_from_reference"]?.GetValue<double>());
            Assert.Equal(csv[i]["difference_judged"], cells[i].Cell["difference_judged"]!.GetValue<string>());
            Assert.Equal(csv[i]["best_of_shown"] == "true", cells[i].Cell["best_of_shown"]!.GetValue<bool>());
        }
        Assert.Contains(cells, c => c.Cell["difference_judged"]!.GetValue<string>().Length > 0 && c.Cell["words"] is not null);
    }

    [Fact]
    public async Task The_plan_is_the_public_plan_pages_without_naming_any_account()
    {
        using var client = app.ClientFromOwnAddress();
        var response = await client.GetAsync($"/api/v1/places/{Autauga}/plan");
        var body = await response.Content.ReadAsStringAsync();
        var api = JsonNode.Parse(body)!;
        var csv = await ApiCsv.GetAsync(client, $"/counties/{Autauga}/plan.csv");

        var target = Assert.Single(api["targets"]!.AsArray())!;
        var row = csv.Single(r => r["record"] == "target");
        Assert.Equal(row["metric"], target["metric"]!.GetValue<string>());
        Assert.Equal(ApiCsv.Integer(row["baseline_year"]), target["baseline"]!["year"]!.GetValue<int>());
        Assert.Equal(ApiCsv.Number(row["baseline_value"]), target["baseline"]!["value"]!.GetValue<double>());
        Assert.Equal(ApiCsv.Number(row["latest_value"]), target["progress"]!["latest"]!["value"]!.GetValue<double>());
        Assert.Equal(ApiCsv.Number(row["distance_covered"]), target["progress"]!["distance_covered"]!.GetValue<double>());
        Assert.Equal(row["status"], target["progress"]!["summary"]!.GetValue<string>());
        Assert.Equal("employment-opportunities", Assert.Single(api["priorities"]!.AsArray())!["predictor_key"]!.GetValue<string>());
        Assert.Equal("current", api["release"]!.GetValue<string>());
        Assert.DoesNotContain(ApiWebApp.PlannerEmail, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("updated_by", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/metrics/no_such_metric/places", 404, "metric")]
    [InlineData("/api/v1/places/01001/values?metric=no_such_metric", 404, "metric")]
    [InlineData("/api/v1/places/6037", 400, "code")]
    [InlineData("/api/v1/places/99999", 404, "code")]
    [InlineData("/api/v1/places/abcde/plan", 400, "code")]
    [InlineData("/api/v1/metrics/share_employed/places?year=20x3", 400, "year")]
    [InlineData("/api/v1/metrics/share_employed/places?year=1999", 404, "year")]
    [InlineData("/api/v1/metrics/share_employed/places?state=ZZ", 400, "state")]
    [InlineData("/api/v1/metrics/share_employed/places?kind=town", 400, "kind")]
    [InlineData("/api/v1/places?page_size=5000", 400, "page_size")]
    [InlineData("/api/v1/compare?code=01001", 400, "code")]
    public async Task Bad_input_answers_a_problem_document_naming_the_parameter(string url, int status, string parameter)
    {
        using var client = app.ClientFromOwnAddress();
        var response = await client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_ETag_follows_the_data_version_and_If_None_Match_gets_a_304()
    {
        using var client = app.ClientFromOwnAddress();
        var first = await client.GetAsync($"/api/v1/places/{Autauga}/values?metric={Metric}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.True(etag.IsWeak);
        Assert.Contains("public", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/places/{Autauga}/values?metric={Metric}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // An import moves the data version: the old ETag no longer matches and the new answer has the new value.
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "api-etag.csv");
        await File.WriteAllTextAsync(file, "year,state,county,share_employed,share_employed_lb,share_employed_ub,share_employed_quality\n2001,01,001,0.5,0.45,0.55,1\n");
        await app.ImportCleanlyAsync(file, new ImportOptions { UserName = "etag-test" });
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/places/{Autauga}/values?metric={Metric}");
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("\"year\":2001", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CORS_allows_GET_from_any_origin_and_refuses_POST()
    {
        using var client = app.ClientFromOwnAddress();
        var get = await PreflightAsync(client, "GET");
        Assert.True(get.Headers.TryGetValues("Access-Control-Allow-Origin", out var origin));
        Assert.Equal("*", Assert.Single(origin));
        Assert.Contains("GET", string.Join(",", get.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);

        var post = await PreflightAsync(client, "POST");
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(post.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Any(m => m.Contains("POST", StringComparison.Ordinal)));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog");
        request.Headers.Add("Origin", "https://newsroom.example");
        var response = await client.SendAsync(request);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("ETag", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync("/api/v1/catalog", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task A_client_over_the_limit_gets_429_with_Retry_After_and_others_are_still_served()
    {
        using var client = app.ClientFromOwnAddress();
        for (var i = 0; i < ApiWebApp.PerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/places?page_size=1")).StatusCode);
        }
        var refused = await client.GetAsync("/api/v1/places?page_size=1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());

        using var other = app.ClientFromOwnAddress();
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/places?page_size=1")).StatusCode);
    }

    [Fact]
    public async Task Telemetry_sees_the_API_request_span_and_the_import_metrics()
    {
        using var client = app.ClientFromOwnAddress();
        // A path no other test asks for (the query is redacted from spans: it may hold personal data).
        const string path = "/api/v1/places/01003/plan";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        var tracer = app.Get<TracerProvider>();
        tracer.ForceFlush();
        Activity? span = null;
        for (var i = 0; i < 50 && span is null; i++)
        {
            lock (ApiWebApp.Spans)
            {
                span = ApiWebApp.Spans.FirstOrDefault(s => s.GetTagItem("url.path") as string == path);
            }
            if (span is null)
            {
                await Task.Delay(100);
            }
        }
        Assert.NotNull(span);
        Assert.Equal("/api/v1/places/{code}/plan", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));

        app.Get<MeterProvider>().ForceFlush();
        List<Metric> metrics;
        lock (ApiWebApp.Metrics)
        {
            metrics = [.. ApiWebApp.Metrics];
        }
        var files = metrics.Last(m => m.Name == "upward_mobility.import.files");
        long imported = 0;
        foreach (ref readonly var point in files.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "outcome" && (string?)tag.Value == "imported")
                {
                    imported += point.GetSumLong();
                }
            }
        }
        Assert.True(imported >= 2, $"{imported} imported files counted");
        Assert.Contains(metrics, m => m.Name == "upward_mobility.import.rows");
        Assert.Contains(metrics, m => m.Name == "upward_mobility.import.duration");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task The_Prometheus_scrape_endpoint_is_served_only_when_its_setting_is_on()
    {
        using var client = app.ClientFromOwnAddress();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);

        await using var scraped = await TestHost.StartAsync(new() { Settings = new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" } });
        using var scraper = scraped.Client();
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/api/v1/catalog")).StatusCode);
        var text = await scraper.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/catalog\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_page_at_api_shows_the_routes_with_nothing_from_the_internet()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        var response = await page.GotoAsync("/api");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByText("A place's values").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("One metric across places for a year").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(tracked.ExternalRequests);
        Assert.Empty(tracked.ConsoleErrors);
    }

    private async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/catalog");
        request.Headers.Add("Origin", "https://newsroom.example");
        request.Headers.Add("Access-Control-Request-Method", method);
        return await client.SendAsync(request);
    }

    private static async Task<JsonNode> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static string Ordinal(int n) => UpwardMobility.Core.Judgement.Standing.Ordinal(n);
}

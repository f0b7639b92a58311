using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace UpwardMobility.Web.Api;

/// <summary>
/// The OpenAPI document <c>/openapi/v1.json</c>: the <c>/api/v1</c> routes only (not the pages or their CSVs), with
/// the document's description, an example for every parameter and examples of an answer and of a problem.
/// </summary>
public static class ApiOpenApi
{
    /// <summary>Example values by parameter name: real codes and keys, so "try it" answers on real data.</summary>
    private static readonly Dictionary<string, JsonNode> ParameterExamples = new(StringComparer.Ordinal)
    {
        ["code"] = "06037",
        ["metric"] = "share_employed",
        ["year"] = "2023",
        ["q"] = "Los Angeles",
        ["kind"] = "county",
        ["state"] = "CA",
        ["subgroup"] = "Black, Non-Hispanic",
        ["subgroup_type"] = "race-ethnicity",
        ["page"] = "1",
        ["page_size"] = "100",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/" + ApiSetup.Version + "/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Upward Mobility Dashboard open data API",
                Version = ApiSetup.Version,
                Description =
                    "Read-only JSON of the Urban Institute's Upward Mobility Framework data this dashboard serves: the catalog, "
                    + "counties (5-digit FIPS codes) and cities (7-digit codes), their values with 95% intervals and quality, one "
                    + "metric across places with the standings and benchmarks the pages show, comparisons and action plans. "
                    + "Anonymous; GET only; field names in snake_case as in the CSV downloads; numbers as numbers. "
                    + "Every answer carries an ETag from the data version (send If-None-Match for a 304) and errors are RFC 9457 "
                    + "problem documents. Requests are limited per client address (429 with Retry-After).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name is { } name && ParameterExamples.TryGetValue(name, out var example))
                {
                    parameter.Example = example.DeepClone();
                }
            }
            if (operation.Responses?.TryGetValue("400", out var bad) == true && bad.Content?.TryGetValue("application/problem+json", out var problem) == true)
            {
                problem.Example = new JsonObject
                {
                    ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                    ["title"] = "Invalid parameter",
                    ["status"] = 400,
                    ["detail"] = "“20x3” is not a year (four digits, e.g. 2023).",
                    ["parameter"] = "year",
                };
            }
            if (operation.OperationId == "ApiPlaceValues" && operation.Responses?.TryGetValue("200", out var ok) == true
                && ok.Content?.TryGetValue("application/json", out var json) == true)
            {
                json.Example = ValuesExample();
            }
            return Task.CompletedTask;
        });
    }

    private static JsonObject ValuesExample() => new()
    {
        ["place"] = new JsonObject { ["code"] = "06037", ["kind"] = "county", ["name"] = "Los Angeles County", ["state_abbr"] = "CA" },
        ["data_stamp"] = new JsonObject
        {
            ["sentence"] = "Data: Urban Institute Mobility Metrics, imported 2026-11-30 from metrics_employment_county_all_longitudinal.csv.",
            ["sources"] = new JsonArray(new JsonObject
            {
                ["file_name"] = "metrics_employment_county_all_longitudinal.csv",
                ["imported_at_utc"] = "2026-11-30T09:12:44Z",
                ["demo_data"] = false,
                ["weights"] = false,
            }),
        },
        ["values"] = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["metric"] = "share_employed",
                ["year"] = 2023,
                ["subgroup_type"] = "all",
                ["subgroup"] = "All",
                ["value"] = 0.7466,
                ["lower_bound"] = 0.7441,
                ["upper_bound"] = 0.7491,
                ["quality"] = "Strong",
                ["value_text"] = null,
                ["special_meaning"] = null,
                ["demo_data"] = false,
            }),
            ["page"] = 1,
            ["page_size"] = 500,
            ["total"] = 1,
            ["page_count"] = 1,
        },
    };
}

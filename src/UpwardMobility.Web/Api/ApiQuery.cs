using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Web.Api;

/// <summary>
/// Reads the API's query parameters strictly: where a page falls back to a default and says so, the API answers
/// 400 with a problem (RFC 9457) that names the parameter, so a client never gets a different view than it asked for.
/// </summary>
public static class ApiQuery
{
    public const int MaxPageSize = 1000;

    /// <summary>A problem document: status, a short title, the detail in words, and the parameter at fault.</summary>
    public static ProblemHttpResult Problem(int status, string title, string detail, string? parameter = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: parameter is null ? null : new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid parameter", detail, parameter);

    public static ProblemHttpResult NotFound(string title, string detail, string? parameter = null) =>
        Problem(StatusCodes.Status404NotFound, title, detail, parameter);

    /// <summary>A county's 5 digits or a city's 7; anything else is a problem.</summary>
    public static (string? Code, PlaceKind? Kind, ProblemHttpResult? Problem) Code(string? text, string parameter = "code")
    {
        var code = text?.Trim();
        if (PlaceKind.OfCode(code) is { } kind)
        {
            return (code, kind, null);
        }
        var padded = PlaceKind.County.Canonical(code);
        var hint = padded is not null && padded != code ? $" Did you mean {padded}?" : "";
        return (null, null, BadRequest(parameter,
            $"“{text}” is not a place code: a county is its 5-digit FIPS code (state + county, e.g. 06037), a city its 7-digit code (state + place, e.g. 0644000).{hint}"));
    }

    /// <summary>Null when absent; a problem unless it is a plain year.</summary>
    public static (short? Year, ProblemHttpResult? Problem) Year(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        return short.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200
            ? (year, null)
            : (null, BadRequest("year", $"“{text}” is not a year (four digits, e.g. 2023)."));
    }

    /// <summary>county, city, or (when <paramref name="allowAll"/>) nothing for both.</summary>
    public static (PlaceKind? Kind, ProblemHttpResult? Problem) Kind(string? text, bool allowAll)
    {
        var value = text?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" when allowAll => (null, null),
            null or "" => (PlaceKind.County, null),
            "county" or "counties" => (PlaceKind.County, null),
            "city" or "cities" => (PlaceKind.City, null),
            _ => (null, BadRequest("kind", $"“{text}” is not a kind of place: use county or city.")),
        };
    }

    /// <summary>A state by 2-digit FIPS code or postal abbreviation; null when absent.</summary>
    public static (UsStates.State? State, ProblemHttpResult? Problem) State(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        var value = text.Trim();
        var state = UsStates.All.FirstOrDefault(s => s.Fips == value || string.Equals(s.Abbr, value, StringComparison.OrdinalIgnoreCase));
        return state is not null
            ? (state, null)
            : (null, BadRequest("state", $"There is no state “{value}”: use a 2-digit FIPS code (06) or a postal abbreviation (CA)."));
    }

    /// <summary>page (from 1) and page_size (1 to <paramref name="max"/>).</summary>
    public static (int Page, int Size, ProblemHttpResult? Problem) Paging(string? page, string? pageSize, int defaultSize, int max = MaxPageSize)
    {
        var p = 1;
        var size = defaultSize;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out p) || p < 1))
        {
            return (0, 0, BadRequest("page", $"“{page}” is not a page number (1, 2, …)."));
        }
        if (!string.IsNullOrWhiteSpace(pageSize)
            && (!int.TryParse(pageSize.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > max))
        {
            return (0, 0, BadRequest("page_size", $"“{pageSize}” is not a page size: use 1 to {max.ToString(CultureInfo.InvariantCulture)}."));
        }
        return (p, size, null);
    }

    public static ApiPage<T> Page<T>(IReadOnlyList<T> all, int page, int size) =>
        new(all.Skip((page - 1) * size).Take(size).ToList(), page, size, all.Count, Math.Max(1, (all.Count + size - 1) / size));
}

using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace UpwardMobility.Tests.Api;

/// <summary>A CSV download read into rows by column name, for comparing the API with what the pages offer.</summary>
public static class ApiCsv
{
    public static async Task<IReadOnlyList<Dictionary<string, string>>> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { AllowComments = true, Comment = '#' });
        await csv.ReadAsync();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? "", StringComparer.Ordinal));
        }
        return rows;
    }

    public static double? Number(string text) =>
        text.Length == 0 ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int? Integer(string text) =>
        text.Length == 0 ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

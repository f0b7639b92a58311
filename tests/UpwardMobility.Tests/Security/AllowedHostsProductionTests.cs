using System.Diagnostics;
using System.Net;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Security;

/// <summary>
/// With <c>AllowedHosts</c> <c>*</c> redirects and links are built from any Host header, so Production refuses to
/// start with it (one line naming the setting, exit code 1, before the database is touched); with a list of host
/// names it starts and a request for any other host gets 400.
/// </summary>
public class AllowedHostsProductionTests
{
    [Fact]
    public async Task Production_with_any_host_allowed_stops_at_start_up_with_one_line_naming_the_setting()
    {
        var app = Path.Combine(TestEnvironment.RepoRoot, "src", "UpwardMobility.Web", "bin",
            Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!), "net10.0"); // same configuration as the tests
        var database = Path.Combine(Path.GetTempPath(), "upward-allowed-hosts-" + Guid.NewGuid().ToString("N") + ".db");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(app, "UpwardMobility.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = app,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["AllowedHosts"] = "*";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}: {await stdout}{await stderr}");
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("AllowedHosts is '*': in Production set AllowedHosts to the host names the app answers to", line, StringComparison.Ordinal);
        Assert.False(File.Exists(database), "the database was created before start-up stopped");
    }

    [Fact]
    public async Task Production_with_a_list_of_hosts_starts_and_refuses_any_other_host()
    {
        await using var app = await TestHost.StartAsync(new()
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "dashboard.example.org;localhost" },
        });
        var client = app.Client(followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        foreach (var host in new[] { "dashboard.example.org", "attacker.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/counties/06037");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            Assert.Equal(host == "attacker.example" ? HttpStatusCode.BadRequest : HttpStatusCode.OK, response.StatusCode);
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UpwardMobility.Core;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Hosting;

/// <summary>
/// What several instances share through the database: the Data Protection key ring (a cookie or form from one
/// instance is good on another), and a start-up that N instances can run at once on an empty database.
/// </summary>
public class SharedStateTests
{
    [Fact]
    public async Task A_session_and_a_form_from_one_instance_are_good_on_another_and_the_keys_are_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        // Two instances on one database: the hosts share it and leave it to this test to drop.
        await using var first = await TestHost.StartAsync(new() { Provider = DatabaseProvider.Postgres, Database = database });
        await using var second = await TestHost.StartAsync(new() { Provider = DatabaseProvider.Postgres, Database = database });
        await first.CreateUserAsync("analyst@example.org", Roles.Analyst);
        var throughFirst = await first.SignedInClientAsync("analyst@example.org");

        // A client of the second instance with the first's cookies (sign-in and antiforgery).
        var handlerCookies = await CookiesAsync(throughFirst);
        var throughSecond = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        throughSecond.DefaultRequestHeaders.Add("Cookie", handlerCookies);
        using (var history = await throughSecond.GetAsync("/import/history"))
        {
            Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        }
        // A form rendered by the first instance, posted to the second: the antiforgery token is good there too.
        var page = await throughFirst.GetStringAsync("/");
        using (var signOut = await throughSecond.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpForms.AntiforgeryToken(page),
        })))
        {
            Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        }

        await using var db = database.CreateContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.Single(keys);
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_encrypted_at_rest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("upward-cert-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=upward-mobility-data-protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var path = Path.Combine(folder, "dp.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx password"));

            await using var app = await TestHost.StartAsync(new()
            {
                Database = database,
                Settings = new Dictionary<string, string?>
                {
                    ["DataProtection:CertificatePath"] = path,
                    ["DataProtection:CertificatePassword"] = "pfx password",
                },
            });
            await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
            await app.SignedInClientAsync("analyst@example.org");

            await using var db = database.CreateContext();
            var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Four_instances_starting_at_once_on_an_empty_database_initialise_it_once()
    {
        var name = "upward_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            var providers = Enumerable.Range(0, 4).Select(_ => Services(connection)).ToList();
            var files = DataFiles.InFolder(Path.Combine(TestEnvironment.RepoRoot, "data"));
            await Task.WhenAll(providers.Select(p => Task.Run(() => p.GetRequiredService<DatabaseInitializer>().InitializeAsync(files, seedDemo: true))));

            await using var db = providers[0].GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            Assert.Equal(1, await db.Imports.CountAsync(i => i.IsDemo));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var geographies = await db.Geographies.CountAsync();
            Assert.True(geographies > 3000, $"{geographies} geographies");
            var demoValues = await db.MetricValues.CountAsync();
            Assert.True(demoValues > 0);

            // And a fifth, later, changes nothing.
            await Services(connection).GetRequiredService<DatabaseInitializer>().InitializeAsync(files, seedDemo: true);
            Assert.Equal(1, await db.Imports.CountAsync(i => i.IsDemo));
            Assert.Equal(demoValues, await db.MetricValues.CountAsync());
            Assert.Equal(geographies, await db.Geographies.CountAsync());
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
        finally
        {
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static ServiceProvider Services(string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddUpwardMobilityCore(configuration, Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    /// <summary>The cookies the client's handler holds for the app, as a Cookie header.</summary>
    private static async Task<string> CookiesAsync(HttpClient client)
    {
        // The test handler does not expose its container, but it writes the Cookie header into each request it sends.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        using var response = await client.SendAsync(request);
        return response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
    }
}

using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>What a <see cref="TestHost"/> runs on. Everything has a default: SQLite, no demo data, in memory.</summary>
public sealed record TestHostOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Seed the synthetic demo data at start-up (<c>Demo:Seed</c>), as a first <c>dotnet run</c> does.</summary>
    public bool DemoData { get; init; }

    /// <summary>Real files imported (cleanly, or the start fails) once the app has started: paths under the Urban data folder, or absolute.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Run on real Kestrel on a loopback port (for Chromium) instead of the in-memory test server.</summary>
    public bool Kestrel { get; init; }

    /// <summary>ASP.NET Core environment; Development serves static web assets from the build output.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra configuration of the app (key, value).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Replacements applied after the app's own registration (a fixed clock, a throwing endpoint).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Run on this existing database instead of a new one (it is not dropped on dispose).</summary>
    public TestDatabase? Database { get; init; }

    /// <summary>Run on the database at this connection string (of <see cref="Provider"/>), e.g. a private cluster's; never dropped.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// The address the in-memory server sees requests come from (a proxy's, say); requests may override it with the
    /// header <see cref="WebAppFactory.ClientAddressHeader"/>.
    /// </summary>
    public System.Net.IPAddress? ClientAddress { get; init; }
}

/// <summary>
/// The one test host: the real web app (its own <c>Program</c>, registration and start-up) on a fresh database of
/// either provider, with demo data or real files, in memory or on Kestrel. Every HTTP, browser and service test
/// gets its services from <see cref="Services"/>, so the registration the app runs with is the one tested.
/// Share one per class (<c>IClassFixture&lt;T&gt;</c> of a subclass) or collection, as starting one takes seconds;
/// or start one for a test with <see cref="StartAsync"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyApp() : TestHost(new() { DemoData = true });        // a class fixture
/// await using var app = await TestHost.StartAsync(new() { Kestrel = true }); // one test
/// await app.CreateUserAsync("a@example.org", Roles.Analyst);
/// var analyst = await app.SignedInClientAsync("a@example.org");
/// </code>
/// </example>
public class TestHost(TestHostOptions options) : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The password of every user made by <see cref="CreateUserAsync"/>.</summary>
    public const string Password = "a long test password 1";

    private TestDatabase? _database;
    private WebAppFactory? _app;

    public TestHost() : this(new TestHostOptions())
    {
    }

    public TestHostOptions Options { get; } = options;

    public DatabaseProvider Provider => Options.Provider;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The host has not started, or runs on a connection string.");

    /// <summary>The app's own container.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>http://127.0.0.1:PORT on Kestrel (see <see cref="TestHostOptions.Kestrel"/>).</summary>
    public string Address => App.ServerAddress;

    internal WebAppFactory App => _app ?? throw new InvalidOperationException("The host has not started.");

    public static async Task<TestHost> StartAsync(TestHostOptions options)
    {
        var host = new TestHost(options);
        try
        {
            await host.InitializeAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    public virtual async Task InitializeAsync()
    {
        _app = Options.ConnectionString is { } connectionString
            ? new WebAppFactory(Options.Provider, connectionString)
            : new WebAppFactory(_database = Options.Database ?? await TestDatabase.CreateAsync(Options.Provider));
        _app.Seed = Options.DemoData;
        _app.EnvironmentName = Options.EnvironmentName;
        _app.ConfigureServices = Options.Services;
        _app.ClientAddress = Options.ClientAddress;
        foreach (var (key, value) in Options.Settings)
        {
            _app.Settings[key] = value;
        }
        if (Options.Kestrel)
        {
            _app.StartKestrel();
        }
        else
        {
            _ = _app.Server; // starts the app: migrate, catalog, counties, demo data
        }
        foreach (var file in Options.Files)
        {
            await ImportCleanlyAsync(Path.IsPathRooted(file) ? file : Path.Combine(TestEnvironment.UrbanDataPath, file));
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A context from the app's own factory.</summary>
    public AppDbContext CreateContext() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Imports a file with the app's importer, as the import page does.</summary>
    public Task<ImportReport> ImportAsync(string path, ImportOptions? options = null, CancellationToken ct = default) =>
        Get<MetricImportService>().ImportFileAsync(path, Path.GetFileName(path), options ?? new ImportOptions { UserName = "test" }, null, ct);

    /// <summary>Imports a file and fails with the report's own words unless no row was rejected.</summary>
    public async Task<ImportReport> ImportCleanlyAsync(string path, ImportOptions? options = null)
    {
        var report = await ImportAsync(path, options);
        ImportTestDatabase.AssertCleanImport(report);
        return report;
    }

    /// <summary>
    /// The one way tests make users: creates (or finds) <paramref name="email"/> with <see cref="Password"/>, adds
    /// <paramref name="roles"/>, and for a Planner grants <paramref name="counties"/> (5-digit FIPS), as the admin page does.
    /// Returns the user's id.
    /// </summary>
    public async Task<string> CreateUserAsync(string email, string role, params string[] counties) =>
        await CreateUserAsync(email, [role], counties);

    public Task<string> CreateUserAsync(string email, IReadOnlyCollection<string> roles, params string[] counties) =>
        TestUsers.CreateAsync(Services, email, roles, counties);

    /// <summary>The user as the app sees them once signed in (Identity's own claims factory: id, name, roles).</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new ArgumentException($"No user {email}.", nameof(email));
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
    }

    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());

    /// <summary>A plain client: of the in-memory server, or of Kestrel's address.</summary>
    public HttpClient Client(bool followRedirects = true) => Options.Kestrel
        ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = new Uri(Address + "/") }
        : App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });

    /// <summary>A client of the in-memory server with the given options (cookies kept and redirects followed by default).</summary>
    public HttpClient CreateClient(WebApplicationFactoryClientOptions? clientOptions = null) =>
        clientOptions is null ? App.CreateClient() : App.CreateClient(clientOptions);

    /// <summary>A client of the in-memory server over https (as in production), keeping cookies, not following redirects.</summary>
    public HttpClient BrowserLikeClient() => TestUsers.BrowserLikeClient(App);

    /// <summary>A client signed in as <paramref name="email"/> through the real sign-in form.</summary>
    public Task<HttpClient> SignedInClientAsync(string email, string password = Password) =>
        TestUsers.SignedInClientAsync(App, email, password);



    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
        if (_database is not null && Options.Database is null)
        {
            await _database.DisposeAsync();
        }
        _database = null;
        GC.SuppressFinalize(this);
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>
/// The engine of <see cref="TestHost"/> (use that): the app's own <c>Program</c> on a given database, in memory
/// (TestServer) or, after <see cref="StartKestrel"/>, on real Kestrel at <see cref="ServerAddress"/>.
/// </summary>
internal sealed class WebAppFactory(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    private string? _serverAddress;

    public WebAppFactory(TestDatabase database) : this(database.Provider, database.ConnectionString)
    {
    }

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Value of <c>Demo:Seed</c>. Set it before the app starts (before the first client or <see cref="StartKestrel"/>).</summary>
    public bool Seed { get; set; } = true;

    /// <summary>ASP.NET Core environment of the app; Development serves static web assets from the build output.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Extra configuration (key, value) applied with <c>UseSetting</c>; set before the app starts.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Test replacements applied after the app's own registration.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>
    /// The address the in-memory server sees requests come from (TestServer gives none), e.g. a proxy's; set before
    /// the app starts. Requests may override it with the header <see cref="ClientAddressHeader"/>.
    /// </summary>
    public System.Net.IPAddress? ClientAddress { get; set; }

    public const string ClientAddressHeader = "X-Test-Connection-Address";

    /// <summary>http://127.0.0.1:PORT once <see cref="StartKestrel"/> has run.</summary>
    public string ServerAddress => _serverAddress
        ?? throw new InvalidOperationException("Call StartKestrel() before reading ServerAddress.");

    /// <summary>Runs the app on real Kestrel on a free loopback port (for Playwright) and returns its address.</summary>
    public string StartKestrel()
    {
        if (_serverAddress is not null)
        {
            return _serverAddress;
        }
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no address.");
        _serverAddress = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return _serverAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", Seed ? "true" : "false");
        // Tests sign in many times from one in-memory client; the sign-in limits are tested on their own (SignInAbuseTests).
        builder.UseSetting("Security:SignIn:PerAddressPerMinute", "1000");
        builder.UseSetting("Security:SignIn:PerAccountPerMinute", "1000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            if (ClientAddress is { } address)
            {
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ConnectionAddressFilter(address));
            }
        });
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>Sets the connection's remote address before anything else runs, as a real socket would.</summary>
    private sealed class ConnectionAddressFilter(IPAddress address) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (Func<Microsoft.AspNetCore.Http.HttpContext, Func<Task>, Task>)((context, inner) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(ClientAddressHeader, out var header)
                    ? IPAddress.Parse(header.ToString())
                    : address;
                return inner();
            }));
            next(app);
        };
    }
}

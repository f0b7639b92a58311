using UpwardMobility.Core;
using UpwardMobility.Web;
using UpwardMobility.Web.Accounts;
using UpwardMobility.Web.Api;
using UpwardMobility.Web.Components;
using UpwardMobility.Web.Hosting;
using UpwardMobility.Web.Security;

if (CommandLineVerbs.Handles(args))
{
    // The verbs share the web app's configuration but not its command-line arguments, and never seed demo data.
    var verbs = CommandLineVerbs.Build(async () =>
    {
        var host = BuildApp([]);
        await host.InitializeDatabaseAsync(seedDemo: false);
        return host;
    });
    return await CommandLineVerbs.RunAsync(verbs, args, Console.Out, Console.Error);
}

var app = BuildApp(args);

try
{
    app.RefuseAnyHostInProduction();
    await app.InitializeDatabaseAsync(seedDemo: true);
}
catch (UpwardMobility.Core.Data.StartupStoppedException stopped)
{
    // One line the operator can act on, not a stack trace.
    app.Logger.LogCritical("{Reason}", stopped.Message);
    await Console.Error.WriteLineAsync(stopped.Message);
    return 1;
}
await app.Services.BootstrapAccountsAsync(app.Configuration);
if (UpwardMobility.Web.Import.ImportUploadStore.SweepLeftovers() is > 0 and var swept)
{
    app.Logger.LogInformation("Removed {Count} upload folders left by stopped processes", swept);
}

// The original scheme and client address first: everything after depends on them.
app.UseProxySupport();
app.UsePlainHttpWarning();
app.UseSecurityHeaders();
app.UseFriendlyErrors();
app.UseStatusCodePagesWithReExecute("/not-found", "?status={0}", createScopeForStatusCodePages: true);
app.UseFreshReExecution();
app.UseSignInThrottle();
// The open data API's CORS (its per-client rate limit runs in the one rate limiter above).
app.UseOpenDataApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseResponseCompression();
// After authentication: the cache must know whether the request is anonymous.
app.UseCanonicalQueries();
app.UseOutputCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapUpwardMobilityEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

// One registration per project: Core registers Core, Web registers Web.
static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddUpwardMobilityCore(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddUpwardMobilityWeb(builder.Configuration, builder.Environment);
    builder.Services.AddProxySupport(builder.Configuration);
    builder.Services.AddSharedDataProtection(builder.Configuration);
    builder.Services.AddSignInThrottle(builder.Configuration);
    return builder.Build();
}

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;

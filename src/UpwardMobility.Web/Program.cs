using UpwardMobility.Core;
using UpwardMobility.Core.Data;
using UpwardMobility.Web;
using UpwardMobility.Web.Accounts;
using UpwardMobility.Web.Components;
using UpwardMobility.Web.Hosting;
using UpwardMobility.Web.Import;
using UpwardMobility.Web.Security;

// Command-line verbs share the web app's configuration but not its command-line arguments.
var importCommand = ImportCommand.Parse(args, out var usageError);
if (usageError is not null)
{
    await Console.Error.WriteLineAsync($"{usageError}\n{ImportCommand.Usage}");
    return 2;
}

var createAdmin = CreateAdminCommand.Parse(args, out var createAdminError);
if (createAdminError is not null)
{
    await Console.Error.WriteLineAsync($"{createAdminError}\n{CreateAdminCommand.Usage}");
    return 2;
}

var builder = WebApplication.CreateBuilder(importCommand is null && createAdmin is null ? args : []);

builder.Services.AddUpwardMobilityCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddUpwardMobilityWeb();
builder.Services.AddUpwardMobilityAccounts(builder.Configuration, builder.Environment);
builder.Services.AddProxySupport(builder.Configuration);
builder.Services.AddSharedDataProtection(builder.Configuration);
builder.Services.AddSignInThrottle(builder.Configuration);
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();

await app.InitializeDatabaseAsync(seedDemo: importCommand is null && createAdmin is null);
if (importCommand is not null)
{
    return await importCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}
if (createAdmin is not null)
{
    return await createAdmin.RunAsync(app.Services);
}
await app.Services.BootstrapAccountsAsync(app.Configuration);

// The original scheme and client address first: everything after depends on them.
app.UseProxySupport();
app.UseSecurityHeaders();
app.UseFriendlyErrors();
app.UseStatusCodePagesWithReExecute("/not-found", "?status={0}", createScopeForStatusCodePages: true);
app.UseFreshReExecution();
app.UseSignInThrottle();
app.UseAuthentication();
app.UseAuthorization();
app.UseResponseCompression();
// After authentication: the cache must know whether the request is anonymous.
app.UseOutputCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapUpwardMobilityEndpoints();
app.MapAccountEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;

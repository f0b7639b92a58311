using UpwardMobility.Core;
using UpwardMobility.Core.Data;
using UpwardMobility.Web;
using UpwardMobility.Web.Components;
using UpwardMobility.Web.Import;

// Command-line verbs share the web app's configuration but not its command-line arguments.
var importCommand = ImportCommand.Parse(args, out var usageError);
if (usageError is not null)
{
    await Console.Error.WriteLineAsync($"{usageError}\n{ImportCommand.Usage}");
    return 2;
}

var builder = WebApplication.CreateBuilder(importCommand is null ? args : []);

builder.Services.AddUpwardMobilityCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddUpwardMobilityWeb();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();

await app.InitializeDatabaseAsync(seedDemo: importCommand is null);
if (importCommand is not null)
{
    return await importCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapUpwardMobilityEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;

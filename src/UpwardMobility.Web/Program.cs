using UpwardMobility.Core;
using UpwardMobility.Core.Data;
using UpwardMobility.Web;
using UpwardMobility.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddUpwardMobilityCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddUpwardMobilityWeb();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();

await app.InitializeDatabaseAsync();

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

app.Run();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;

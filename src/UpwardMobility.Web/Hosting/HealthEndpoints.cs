using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web.Hosting;

/// <summary>
/// <c>/healthz/live</c>: the process answers (restart it when this fails). <c>/healthz/ready</c>: it can serve, i.e.
/// the database answers and the app is not shutting down (send it traffic only while this is 200). <c>/healthz</c>:
/// the same as ready, kept for existing monitors.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz/live", () => Results.Text("ok", "text/plain"));
        app.MapGet("/healthz/ready", ReadyAsync);
        app.MapGet("/healthz", ReadyAsync);
    }

    private static async Task<IResult> ReadyAsync(IDbContextFactory<AppDbContext> factory, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Unhealthy("shutting down");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var db = await factory.CreateDbContextAsync(timeout.Token);
            return await db.Database.CanConnectAsync(timeout.Token) ? Results.Text("ok", "text/plain") : Unhealthy("database unavailable");
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or OperationCanceledException or TimeoutException)
        {
            return Unhealthy("database unavailable");
        }
    }

    private static IResult Unhealthy(string reason) =>
        Results.Text("unhealthy: " + reason, "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
}

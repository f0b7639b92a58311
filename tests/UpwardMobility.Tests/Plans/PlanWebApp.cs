using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Plans;

/// <summary>The app with the demo data on SQLite, for the plan pages' HTTP tests; each test uses its own county.</summary>
public sealed class PlanWebApp : IAsyncLifetime
{
    private TestDatabase? _database;
    private WebAppFactory? _app;

    public WebAppFactory App => _app ?? throw new InvalidOperationException("Not initialized.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new WebAppFactory(_database) { Seed = true };
        _ = _app.Services;
    }

    /// <summary>Creates a Planner for <paramref name="counties"/> (through the database, as the admin page would).</summary>
    public static async Task CreatePlannerAsync(WebAppFactory app, string email, params string[] counties)
    {
        var id = await TestAccounts.CreateUserAsync(app, email, Roles.Planner);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var fips in counties)
        {
            var geographyId = await db.Geographies.Where(g => g.Kind == GeographyKind.County && g.Fips == fips).Select(g => g.Id).SingleAsync();
            if (!await db.PlannerCounties.AnyAsync(p => p.UserId == id && p.GeographyId == geographyId))
            {
                db.PlannerCounties.Add(new PlannerCounty { UserId = id, GeographyId = geographyId });
            }
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>
/// The one way tests make users and signed-in clients, over any app's container: <see cref="TestHost"/> uses it, and
/// so do the tests that start two apps on one database or an app in Production.
/// </summary>
internal static class TestUsers
{
    /// <summary>Creates (or finds) a confirmed user with <see cref="TestHost.Password"/>, its roles and Planner counties; returns the id.</summary>
    public static async Task<string> CreateAsync(IServiceProvider services, string email, IReadOnlyCollection<string> roles, params string[] counties)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminAccountService>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = DateTime.UtcNow };
            Check(await users.CreateAsync(user, TestHost.Password));
        }
        if (roles.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, roles.Except(await users.GetRolesAsync(user))));
        }
        if (counties.Length > 0)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var lookup = services.GetRequiredService<GeographyLookup>();
            foreach (var fips in counties)
            {
                // A 7-digit code grants a city's plan.
                var county = (fips.Length == 7 ? await lookup.FindCityAsync(fips) : await lookup.FindCountyAsync(fips))
                    ?? throw new ArgumentException($"No county or city {fips}.", nameof(counties));
                if (!await db.PlannerCounties.AnyAsync(p => p.UserId == user.Id && p.GeographyId == county.Id))
                {
                    db.PlannerCounties.Add(new PlannerCounty { UserId = user.Id, GeographyId = county.Id });
                }
            }
            await db.SaveChangesAsync();
        }
        return user.Id;
    }

    /// <summary>A client of the in-memory server over https (as in production), keeping cookies, not following redirects.</summary>
    public static HttpClient BrowserLikeClient(WebAppFactory app) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    });

    /// <summary>A client signed in as <paramref name="email"/> through the real sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(WebAppFactory app, string email, string password = TestHost.Password)
    {
        var client = BrowserLikeClient(app);
        using var response = await HttpForms.SignInAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"Signing in as {email} answered {(int)response.StatusCode}.");
        return client;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}

using System.Net;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Nation;

/// <summary>
/// The output cache of the public pages: anonymous pages are stored (the output cache marks a stored answer with an
/// <c>Age</c> header), they change as soon as the data does, even when another process imported it, and nothing a
/// signed-in user sees, and no antiforgery cookie, is ever stored or held back from a page that needs it.
/// </summary>
public sealed class PublicDataCacheTests
{
    private const string Header = "year,state,county,share_employed,share_employed_lb,share_employed_ub,share_employed_quality";
    private const string AntiforgeryCookie = "upward.antiforgery=";

    [Fact]
    public async Task An_import_outside_the_web_app_shows_on_the_next_request_of_a_cached_page()
    {
        await using var app = await TestHost.StartAsync(new());
        using var folder = new TempFolder();
        await app.ImportCleanlyAsync(folder.Write("first.csv", Header, "2001,01,001,0.50,0.45,0.55,1", "2001,01,003,0.60,0.55,0.65,1"));
        using var client = app.CreateClient();
        const string url = "/rankings.csv?metric=share_employed&year=2001";

        using var first = await client.GetAsync(url);
        Assert.False(FromCache(first));
        var before = await first.Content.ReadAsStringAsync();
        Assert.Contains(",01001,", before, StringComparison.Ordinal);
        using var again = await client.GetAsync(url);
        Assert.True(FromCache(again), "the second request was not answered from the output cache");
        Assert.Equal(before, await again.Content.ReadAsStringAsync());

        // The importer runs without the web's request pipeline (as the CLI does in another process): only the database changes.
        await app.ImportCleanlyAsync(folder.Write("second.csv", Header, "2001,01,001,0.70,0.65,0.75,1"), new ImportOptions { UserName = "cli" });
        using var afterImport = await client.GetAsync(url);
        Assert.False(FromCache(afterImport), "the cache answered with the data from before the import");
        var first01001 = (await afterImport.Content.ReadAsStringAsync()).Split('\n')[1].Split(',');
        Assert.Equal(["1", "01001"], first01001[..2]);
        Assert.Equal("0.7", first01001[8]);

        await using (var db = app.CreateContext())
        {
            var latest = db.Imports.Max(i => i.Id);
            Assert.True((await app.Get<ImportHistoryService>().RollbackAsync(latest, "cli")).Done);
        }
        var rolledBack = await client.GetStringAsync(url);
        Assert.Equal("01003", rolledBack.Split('\n')[1].Split(',')[1]);
    }

    [Fact]
    public async Task Anonymous_pages_are_stored_without_the_antiforgery_cookie_and_pages_with_forms_keep_it()
    {
        await using var app = await TestHost.StartAsync(new() { DemoData = true });
        using var anonymous = app.BrowserLikeClient();

        // A cached public page: its antiforgery cookie is dropped (it has no form that posts), so it can be stored.
        using var page = await anonymous.GetAsync("/counties/06037");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(SetCookies(page), c => c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal));
        using var pageAgain = await anonymous.GetAsync("/counties/06037");
        Assert.True(FromCache(pageAgain), "the anonymous county page was not stored");

        // The sign-in page is not cached and posts a form: it still sets the cookie.
        using var signIn = await anonymous.GetAsync("/account/sign-in");
        Assert.Contains(SetCookies(signIn), c => c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal));
        Assert.False(FromCache(signIn));

        // Signed in, the same page is rendered for the user (the header's Sign out form posts): never from the cache,
        // never stored, and its form works.
        await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
        using var signedIn = await app.SignedInClientAsync("analyst@example.org");
        using var own = await signedIn.GetAsync("/counties/06037");
        Assert.False(FromCache(own), "a signed-in user was served the anonymous copy");
        Assert.Contains("analyst@example.org", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var ownAgain = await signedIn.GetAsync("/counties/06037");
        Assert.False(FromCache(ownAgain), "a signed-in user's page was stored");
        using var signOut = await HttpForms.SignOutAsync(signedIn);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // Anonymous again: an anonymous copy (the one stored before, or a new one if the sign-out's audit entry changed
        // the data version or the entry expired), never the signed-in user's page.
        using var anonymousAgain = await anonymous.GetAsync("/counties/06037");
        Assert.DoesNotContain("analyst@example.org", await anonymousAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var stored = await anonymous.GetAsync("/counties/06037");
        Assert.True(FromCache(stored));
        Assert.DoesNotContain("analyst@example.org", await stored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_parameter_no_page_reads_is_answered_from_the_cache_and_one_it_reads_is_not()
    {
        await using var app = await TestHost.StartAsync(new() { DemoData = true });
        using var client = app.CreateClient();
        using var first = await client.GetAsync("/counties/06037");
        var page = await first.Content.ReadAsStringAsync();

        // A random query string (a cache-busting attacker, a tracking parameter): the stored page.
        using var random = await client.GetAsync($"/counties/06037?{Guid.NewGuid():N}={Guid.NewGuid():N}&utm_source=x");
        Assert.True(FromCache(random), "a parameter the page does not read bypassed the output cache");
        Assert.Equal(page, await random.Content.ReadAsStringAsync());

        // A parameter it reads is a view of its own; and the order of repeated ones is kept (the compared counties).
        using var year = await client.GetAsync("/counties/06037?year=2018");
        Assert.False(FromCache(year));
        using var compare = await client.GetAsync("/compare?fips=06037&fips=17031");
        using var reversed = await client.GetAsync("/compare?fips=17031&fips=06037&junk=1");
        Assert.False(FromCache(reversed), "the compared counties in another order were served the first order's page");
        using var again = await client.GetAsync("/compare?junk=2&fips=17031&fips=06037");
        Assert.True(FromCache(again));
    }

    /// <summary>The output cache adds <c>Age</c> to what it serves from its store, and only then.</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
}

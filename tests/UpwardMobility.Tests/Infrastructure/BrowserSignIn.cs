using Microsoft.Playwright;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>The one browser sign-in: through the real form, as a person does.</summary>
public static class BrowserSignIn
{
    private const string SignInPath = "/account/sign-in";

    /// <summary>
    /// Signs in on the sign-in page: the one the page is on (after being sent there by a protected page, so the
    /// return address is kept), else <c>/account/sign-in</c>; and waits until the app has sent the browser on.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string email, string password = TestHost.Password)
    {
        if (!OnSignInPage(page.Url))
        {
            await page.GotoAsync(SignInPath);
        }
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !OnSignInPage(url));
    }

    private static bool OnSignInPage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.Equals(SignInPath, StringComparison.OrdinalIgnoreCase);
}

using Microsoft.AspNetCore.Http;
using UpwardMobility.Web.Accounts;

namespace UpwardMobility.Web.Security;

/// <summary>
/// With Secure cookies (<c>Security:CookieSecurePolicy</c> Always, the default outside Development) a request over
/// plain HTTP can read pages but can neither sign in nor post a form: the browser never sends the cookies back. Said
/// once in the log (not a stack trace per request), and on the sign-in page to whoever opens it.
/// </summary>
public static class PlainHttpWarning
{
    private const string Item = "upward.plain-http";

    /// <summary>After the proxy headers: <c>Request.IsHttps</c> is the client's scheme.</summary>
    public static void UsePlainHttpWarning(this WebApplication app)
    {
        if (AccountsSetup.CookiePolicy(app.Configuration, app.Environment) != CookieSecurePolicy.Always)
        {
            return;
        }
        var logger = app.Logger;
        var warned = new System.Runtime.CompilerServices.StrongBox<int>(0); // once per app
        app.Use(async (context, next) =>
        {
            if (!context.Request.IsHttps)
            {
                context.Items[Item] = true;
                if (Interlocked.Exchange(ref warned.Value, 1) == 0)
                {
                    logger.LogWarning(
                        "Requests arrive over plain HTTP, but the sign-in and antiforgery cookies are Secure (Security:CookieSecurePolicy is Always): " +
                        "pages can be read, but nobody can sign in or post a form. Serve the app over HTTPS (behind a TLS proxy, with X-Forwarded-Proto; docs/operations.md), " +
                        "or on a closed network set Security:CookieSecurePolicy=SameAsRequest. This is logged once.");
                }
            }
            await next(context);
        });
    }

    /// <summary>True when this request came over plain HTTP to an app whose forms need HTTPS.</summary>
    public static bool NeedsHttps(HttpContext context) => context.Items.ContainsKey(Item);

    public const string SignInMessage =
        "Signing in needs HTTPS: this page was opened over plain HTTP, where the browser does not send the sign-in cookie back, so the form cannot work. Open the site's https:// address.";
}

/// <summary>
/// Antiforgery when its cookie is Secure: over plain http it issues no token (the page renders without one; ASP.NET
/// Core's own would throw, and Blazor logged that as an 11-line error on every page) and refuses every form, with a
/// 400 that says why. Over https it is ASP.NET Core's, unchanged.
/// </summary>
internal sealed class HttpsOnlyAntiforgery(Microsoft.AspNetCore.Antiforgery.IAntiforgery inner) : Microsoft.AspNetCore.Antiforgery.IAntiforgery
{
    public Microsoft.AspNetCore.Antiforgery.AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        httpContext.Request.IsHttps ? inner.GetAndStoreTokens(httpContext) : None();

    public Microsoft.AspNetCore.Antiforgery.AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        httpContext.Request.IsHttps ? inner.GetTokens(httpContext) : None();

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) =>
        httpContext.Request.IsHttps ? inner.IsRequestValidAsync(httpContext) : Task.FromResult(HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method));

    public Task ValidateRequestAsync(HttpContext httpContext) =>
        httpContext.Request.IsHttps
            ? inner.ValidateRequestAsync(httpContext)
            : throw new Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException("Forms need HTTPS here: the antiforgery cookie is Secure and this request came over plain http.");

    public void SetCookieTokenAndHeader(HttpContext httpContext)
    {
        if (httpContext.Request.IsHttps)
        {
            inner.SetCookieTokenAndHeader(httpContext);
        }
    }

    private static Microsoft.AspNetCore.Antiforgery.AntiforgeryTokenSet None() => new(null, null, "__RequestVerificationToken", null);

    /// <summary>Replaces the registered <c>IAntiforgery</c> with this wrapper around it (call after AddRazorComponents).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(Microsoft.AspNetCore.Antiforgery.IAntiforgery))
            ?? throw new InvalidOperationException("Antiforgery is not registered yet.");
        services.Remove(registered);
        services.AddSingleton<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(sp => new HttpsOnlyAntiforgery(registered switch
        {
            { ImplementationInstance: Microsoft.AspNetCore.Antiforgery.IAntiforgery instance } => instance,
            { ImplementationFactory: { } factory } => (Microsoft.AspNetCore.Antiforgery.IAntiforgery)factory(sp),
            { ImplementationType: { } type } => (Microsoft.AspNetCore.Antiforgery.IAntiforgery)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException("Unexpected antiforgery registration."),
        }));
    }
}

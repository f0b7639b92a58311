using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using UpwardMobility.Web.Accounts;

namespace UpwardMobility.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in posts, per client address and per account name (known or not, so the
/// limit says nothing about which accounts exist): <c>Security:SignIn:PerAddressPerMinute</c> (default 10) and
/// <c>Security:SignIn:PerAccountPerMinute</c> (default 5). Lockout (5 wrong passwords, 15 minutes) still protects each
/// account; the limits stop guessing across many accounts from one address and slow one account's guessing from many.
/// Behind a proxy the address is the client's (see <see cref="Hosting.ProxySetup"/>).
/// </summary>
public static class SignInThrottle
{
    public const string PerAddressKey = "Security:SignIn:PerAddressPerMinute";
    public const string PerAccountKey = "Security:SignIn:PerAccountPerMinute";
    private const string AccountItem = "upward.sign-in-account";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        var perAddress = Limit(configuration[PerAddressKey], 10);
        var perAccount = Limit(configuration[PerAccountKey], 5);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Options(perAddress))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context) && context.Items[AccountItem] is string account
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => Options(perAccount))
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInThrottle))
                    .LogWarning("Sign-in limited for {Address}", rejected.HttpContext.Connection.RemoteIpAddress);
                await response.WriteAsync(RejectedPage, ct);
            };
        });
        return services;
    }

    /// <summary>
    /// The sign-in form's own limits, far below ASP.NET Core's defaults: a handful of short fields. A form over them
    /// (a 5 MB email, thousands of fields, broken multipart) is answered 400 after the limiter has counted it.
    /// </summary>
    public static readonly FormOptions SignInForm = new()
    {
        ValueCountLimit = 20,
        KeyLengthLimit = 100,
        ValueLengthLimit = 4 * 1024,
        MultipartBodyLengthLimit = 32 * 1024,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4 * 1024,
        BufferBodyLengthLimit = 32 * 1024,
    };

    private const string MalformedItem = "upward.sign-in-malformed";

    /// <summary>Before the rate limiter: the account name of a sign-in post, read from the (buffered) form.</summary>
    public static void UseSignInThrottle(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && PlainHttpWarning.NeedsHttps(context))
            {
                context.Items[MalformedItem] = PlainHttpWarning.SignInMessage; // counted, then answered 400 in words
            }
            else if (IsSignInPost(context))
            {
                await ReadAccountAsync(context);
            }
            await next(context);
        });
        app.UseRateLimiter();
        // Counted above by address; answered here, before any page runs.
        app.Use(async (context, next) =>
        {
            if (context.Items.TryGetValue(MalformedItem, out var why))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(why is string words
                    ? RefusedPage("Signing in needs HTTPS", words)
                    : RefusedPage("The sign-in form was not understood", "What was sent is not the sign-in form (it is too long, has too many fields, or is broken). Nothing was checked."), context.RequestAborted);
                return;
            }
            await next(context);
        });
    }

    private static async Task ReadAccountAsync(HttpContext context)
    {
        try
        {
            if (!context.Request.HasFormContentType || context.Request.ContentLength > SignInForm.BufferBodyLengthLimit)
            {
                throw new InvalidDataException("not a sign-in form, or too long");
            }
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, SignInForm));
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            context.Items[AccountItem] = form["Input.Email"].ToString().Trim().ToUpperInvariant();
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            context.Items[MalformedItem] = true;
            // One line, no stack trace: a malformed form is the sender's problem.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInThrottle))
                .LogWarning("Malformed sign-in form from {Address}: {Reason}", context.Connection.RemoteIpAddress, ex.Message);
        }
    }

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(AccountsSetup.SignInPath, StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Options(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static int Limit(string? text, int fallback) => int.TryParse(text, out var n) && n > 0 ? n : fallback;

    /// <summary>A plain page written before any page runs (constant words only, no script).</summary>
    private static string RefusedPage(string title, string lead) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · Upward Mobility</title><link rel="stylesheet" href="/app.css"></head>
        <body><main class="site-main"><div class="container"><section class="not-found">
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <p><a href="/account/sign-in">Back to sign in</a> · <a href="/">Home page</a></p>
        </section></div></main></body></html>
        """;

    // Written by the limiter itself (before any page runs), so a plain page: same words as the site, no script.
    private const string RejectedPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Too many sign-in attempts · Upward Mobility</title><link rel="stylesheet" href="/app.css"></head>
        <body><main class="site-main"><div class="container"><section class="not-found">
        <h1>Too many sign-in attempts</h1>
        <p class="lead">Too many sign-in attempts came from your network, or for this account, in the last minute. Wait a minute, then try again.</p>
        <p><a href="/account/sign-in">Back to sign in</a> · <a href="/">Home page</a></p>
        </section></div></main></body></html>
        """;
}

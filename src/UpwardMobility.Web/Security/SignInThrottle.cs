using System.Threading.RateLimiting;
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

    /// <summary>Before the rate limiter: the account name of a sign-in post, read from the (buffered) form.</summary>
    public static void UseSignInThrottle(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                context.Items[AccountItem] = form["Input.Email"].ToString().Trim().ToUpperInvariant();
            }
            await next(context);
        });
        app.UseRateLimiter();
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

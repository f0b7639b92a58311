using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web.Accounts;

/// <summary>
/// ASP.NET Core Identity with its EF Core stores in the app's database, cookie sign-in, roles, lockout, and the
/// administration services. Reading dashboards needs no account; only pages that change data carry
/// <c>[Authorize]</c>.
/// </summary>
public static class AccountsSetup
{
    public const string SignInPath = "/account/sign-in";
    /// <summary>Mapped by <see cref="MapAccountEndpoints"/> as <c>sign-out</c> in the <c>/account</c> group.</summary>
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string SetPasswordPath = "/account/set-password";

    /// <summary>Failed sign-ins in a row that lock an account for the address they came from, and for how long (<see cref="SignInLockout"/>).</summary>
    public const int MaxFailedSignIns = SignInLockout.MaxFailures;
    public static readonly TimeSpan LockoutDuration = SignInLockout.Duration;

    /// <summary>
    /// How often an open circuit's sign-in is checked against the database, to show it signed out. Every request
    /// with a sign-in cookie is checked anyway (<see cref="FreshSession"/>), and so is every interactive action that
    /// changes data (<see cref="CurrentUser"/>): this only refreshes what an idle open page shows.
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Security:CookieSecurePolicy</c>: <c>Always</c> (the default, except in Development) marks the sign-in and antiforgery
    /// cookies Secure, so they travel over HTTPS only, and refuses forms over plain HTTP; <c>SameAsRequest</c> (the
    /// Development default) allows plain HTTP, e.g. on http://localhost.
    /// </summary>
    public const string CookieSecurePolicyKey = "Security:CookieSecurePolicy";

    public static CookieSecurePolicy CookiePolicy(IConfiguration configuration, IHostEnvironment environment) =>
        Enum.TryParse<CookieSecurePolicy>(configuration[CookieSecurePolicyKey], ignoreCase: true, out var policy) && Enum.IsDefined(policy)
            ? policy
            : environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>Part of <c>AddUpwardMobilityWeb</c>; the services behind accounts (<c>AdminAccountService</c>, <c>UserAdminService</c>) are Core's.</summary>
    internal static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secure = CookiePolicy(configuration, environment);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Identity's lockout is per account, so anyone could lock anyone out: sign-in uses SignInLockout
                // (account and address) instead, and never asks Identity to lock.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.ReturnUrlParameter = "ReturnUrl";
            o.Cookie.Name = "upward.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Instead of Identity's once-a-minute security-stamp check: the account's state and roles, every request.
            o.Events.OnValidatePrincipal = FreshSession.ValidateAsync;
        });
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = "upward.antiforgery";
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        if (secure == CookieSecurePolicy.Always)
        {
            Security.HttpsOnlyAntiforgery.Decorate(services); // no token, and no error per page, over plain http
        }
        return services;
    }

    /// <summary><c>POST /account/sign-out</c> (a form with its antiforgery token; the header's Sign out button).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/sign-out", async (HttpContext http, SignInManager<ApplicationUser> signIn, AuditLog audit, [FromForm] string? returnUrl) =>
        {
            var name = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
            await signIn.SignOutAsync();
            if (name is not null)
            {
                await audit.WriteAsync(name, AuditActions.AccountSignOut, "user", name, ct: http.RequestAborted);
            }
            return Results.LocalRedirect(LocalUrl(returnUrl));
        }).WithName("SignOut");
        return endpoints;
    }

    /// <summary>A local path to return to after signing in or out: never another site.</summary>
    /// <remarks>
    /// No control characters or whitespace anywhere: browsers drop tabs and line breaks from URLs, so
    /// <c>/\t/evil.example</c> would become <c>//evil.example</c>, another site.
    /// </remarks>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? url
            : "/";
}

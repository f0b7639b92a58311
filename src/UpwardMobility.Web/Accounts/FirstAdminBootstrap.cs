using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;

namespace UpwardMobility.Web.Accounts;

/// <summary>
/// At start-up: creates the roles, and the first administrator from <c>Admin:Email</c> and <c>Admin:Password</c>
/// (environment <c>Admin__Email</c>, <c>Admin__Password</c>) when no enabled administrator exists. Once one exists the
/// settings are ignored. There is no default: without the settings the app starts with no administrator, and says how
/// to make one (or use <c>create-admin EMAIL</c>).
/// </summary>
public static class FirstAdminBootstrap
{
    public const string EmailKey = "Admin:Email";
    public const string PasswordKey = "Admin:Password";
    public const string Actor = "config:Admin";

    public static async Task BootstrapAccountsAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccountService>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstAdminBootstrap));
        await accounts.EnsureRolesAsync();
        var email = configuration[EmailKey];
        var password = configuration[PasswordKey];
        if (await accounts.AnyAdminAsync())
        {
            if (!string.IsNullOrEmpty(password))
            {
                logger.LogInformation("An administrator exists, so {Key} is ignored; remove it from the configuration.", PasswordKey);
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            logger.LogWarning(
                "There is no administrator yet. Set Admin__Email and Admin__Password for the first start, or run `create-admin EMAIL`.");
            return;
        }
        var result = await accounts.CreateOrResetAdminAsync(email, password, Actor, AuditActions.UserBootstrapAdmin);
        if (result.Ok)
        {
            logger.LogInformation("First administrator: {Message} Remove {Key} from the configuration now.", result.Message, PasswordKey);
        }
        else
        {
            logger.LogError("The first administrator from {Key} was not created: {Message}", EmailKey, result.Message);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;

namespace UpwardMobility.Core.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// The audit log and the administration services. The county and catalog services are singletons over
    /// <c>IDbContextFactory</c>; the account services are scoped because Identity's managers are.
    /// Needs <see cref="Counties.CountyDirectoryService"/> registered (its cache is dropped after county edits).
    /// </summary>
    public static IServiceCollection AddUpwardMobilityAdmin(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<CountyAdminService>();
        services.AddSingleton<CatalogAdminService>();
        services.AddSingleton<PlannerAccess>();
        services.AddScoped<AdminAccountService>();
        services.AddScoped<UserAdminService>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;

namespace UpwardMobility.Core.Plans;

public static class PlanServiceCollectionExtensions
{
    /// <summary>The action-plan service and what it needs (the clock, the audit log, planner access).</summary>
    public static IServiceCollection AddUpwardMobilityPlans(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<PlannerAccess>();
        services.AddSingleton<ActionPlanService>();
        return services;
    }
}

using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Plans;

/// <summary>The EF Core mapping of the plan tables (<c>plan_priorities</c>, <c>plan_targets</c>).</summary>
internal static class PlanModel
{
    public const int RationaleLength = 1000;
    public const int OwnerLength = 200;
    public const int StrategyLength = 2000;

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlanPriority>(e =>
        {
            // One priority per predictor and county.
            e.HasIndex(p => new { p.GeographyId, p.PredictorId }).IsUnique();
            e.Property(p => p.Rationale).HasMaxLength(RationaleLength);
            e.Property(p => p.CreatedBy).HasMaxLength(256);
            e.Property(p => p.UpdatedBy).HasMaxLength(256);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne<Geography>().WithMany().HasForeignKey(p => p.GeographyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Predictor>().WithMany().HasForeignKey(p => p.PredictorId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PlanTarget>(e =>
        {
            e.HasIndex(t => new { t.GeographyId, t.MetricId });
            e.Property(t => t.SubgroupType).HasMaxLength(100);
            e.Property(t => t.Subgroup).HasMaxLength(200);
            e.Property(t => t.SecondSubgroup).HasMaxLength(200);
            e.Property(t => t.Owner).HasMaxLength(OwnerLength);
            e.Property(t => t.Strategy).HasMaxLength(StrategyLength);
            e.Property(t => t.CreatedBy).HasMaxLength(256);
            e.Property(t => t.UpdatedBy).HasMaxLength(256);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasOne<Geography>().WithMany().HasForeignKey(t => t.GeographyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Metric>().WithMany().HasForeignKey(t => t.MetricId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

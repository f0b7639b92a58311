using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Plans;

namespace UpwardMobility.Core.Data;

/// <summary>
/// The one database context. Each provider has a thin subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) only so that each keeps its own migrations; queries use this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring, shared by every instance of the web app on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Geography> Geographies => Set<Geography>();
    public DbSet<GeographyPopulation> GeographyPopulations => Set<GeographyPopulation>();
    public DbSet<CountyPlace> CountyPlaces => Set<CountyPlace>();
    public DbSet<CountySuccession> CountySuccessions => Set<CountySuccession>();
    public DbSet<Dimension> Dimensions => Set<Dimension>();
    public DbSet<Pillar> Pillars => Set<Pillar>();
    public DbSet<Predictor> Predictors => Set<Predictor>();
    public DbSet<Metric> Metrics => Set<Metric>();
    public DbSet<MetricValue> MetricValues => Set<MetricValue>();
    public DbSet<DataImport> Imports => Set<DataImport>();
    public DbSet<ReplacedMetricValue> ReplacedMetricValues => Set<ReplacedMetricValue>();
    public DbSet<ReplacedPopulation> ReplacedPopulations => Set<ReplacedPopulation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PlannerCounty> PlannerCounties => Set<PlannerCounty>();
    public DbSet<PeerGroups.PeerGroup> PeerGroups => Set<PeerGroups.PeerGroup>();
    public DbSet<PlanPriority> PlanPriorities => Set<PlanPriority>();
    public DbSet<PlanTarget> PlanTargets => Set<PlanTarget>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new PeerGroups.PeerGroupConfiguration());
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => a.Action);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityKey).HasMaxLength(200);
            e.Property(a => a.UserName).HasMaxLength(256);
        });
        modelBuilder.Entity<PlannerCounty>(e =>
        {
            e.HasKey(p => new { p.UserId, p.GeographyId });
            e.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Geography>().WithMany().HasForeignKey(p => p.GeographyId).OnDelete(DeleteBehavior.Cascade);
        });
        PlanModel.Configure(modelBuilder);
        modelBuilder.Entity<Geography>(e =>
        {
            e.HasIndex(g => new { g.Kind, g.Fips }).IsUnique();
            e.HasIndex(g => g.StateFips);
            e.Property(g => g.Fips).HasMaxLength(7);
            e.Property(g => g.StateFips).HasMaxLength(2);
            e.Property(g => g.StateAbbr).HasMaxLength(2);
            e.Property(g => g.Name).HasMaxLength(200);
            e.Property(g => g.StateName).HasMaxLength(100);
        });
        modelBuilder.Entity<GeographyPopulation>(e =>
        {
            e.HasKey(p => new { p.GeographyId, p.Year });
            e.HasOne<Geography>().WithMany(g => g.Populations).HasForeignKey(p => p.GeographyId);
        });

        // Small tables loaded from the bundled files at start-up; foreign keys cost nothing here.
        modelBuilder.Entity<CountyPlace>(e =>
        {
            e.HasKey(p => new { p.CityId, p.CountyId });
            e.HasIndex(p => p.CountyId);
            e.HasOne<Geography>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Geography>().WithMany().HasForeignKey(p => p.CountyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CountySuccession>(e =>
        {
            e.HasKey(s => new { s.FormerId, s.SuccessorId });
            e.HasIndex(s => s.SuccessorId);
            e.HasOne<Geography>().WithMany().HasForeignKey(s => s.FormerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Geography>().WithMany().HasForeignKey(s => s.SuccessorId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReplacedPopulation>(e =>
        {
            e.HasIndex(r => r.ImportId);
            e.HasOne<DataImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Dimension>().HasIndex(d => d.Key).IsUnique();
        modelBuilder.Entity<Pillar>().HasIndex(p => p.Key).IsUnique();
        modelBuilder.Entity<Predictor>().HasIndex(p => p.Key).IsUnique();
        modelBuilder.Entity<Metric>(e =>
        {
            e.HasIndex(m => m.Key).IsUnique();
            e.Property(m => m.Key).HasMaxLength(100);
        });

        modelBuilder.Entity<MetricValue>(e =>
        {
            // The natural key is the primary key: a surrogate id would be one more index to maintain for every imported
            // value (about a fifth of the load time) and nothing refers to values by id.
            e.HasKey(v => new { v.GeographyId, v.MetricId, v.Year, v.SubgroupType, v.Subgroup });
            // Cross-county comparisons read one metric and year across every county. Integers only: with the two
            // subgroup texts in this index as well, maintaining it took a tenth more of the database's CPU per import.
            e.HasIndex(v => new { v.MetricId, v.Year });
            // No index on import_id: every import would maintain it for ~1M rows, while only a rollback (rare, and a
            // sequential scan of the table takes well under a second) reads by it.
            e.Property(v => v.SubgroupType).HasMaxLength(100);
            e.Property(v => v.Subgroup).HasMaxLength(200);
            e.Property(v => v.ValueText).HasMaxLength(100);
            // No foreign keys on this bulk-loaded fact table: per-row FK checks (an index probe and a row lock each)
            // made imports three times slower. The importer takes every id from lookups in the same transaction,
            // and geographies and metrics are hidden or retired, never deleted.
        });

        modelBuilder.Entity<DataImport>(e =>
        {
            e.Property(i => i.FileName).HasMaxLength(400);
            e.Property(i => i.Sha256).HasMaxLength(64);
            e.Property(i => i.UserName).HasMaxLength(256);
            e.HasIndex(i => i.StartedAtUtc);
        });
        modelBuilder.Entity<ReplacedMetricValue>(e =>
        {
            e.HasIndex(r => r.ImportId);
            e.Property(r => r.SubgroupType).HasMaxLength(100);
            e.Property(r => r.Subgroup).HasMaxLength(200);
            e.Property(r => r.ValueText).HasMaxLength(100);
            e.HasOne<DataImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpwardMobility.Core.Accounts;

namespace UpwardMobility.Core.PeerGroups;

/// <summary>A named set of counties a signed-in user keeps to reuse on the compare, metric and rankings pages.</summary>
public class PeerGroup
{
    public const int MaxNameLength = 80;
    public const int MaxCounties = 50;
    public const int MaxGroupsPerUser = 50;

    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The counties' FIPS codes, space-separated, in the order the user chose them.</summary>
    public required string Fips { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public IReadOnlyList<string> FipsList => Fips.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class PeerGroupConfiguration : IEntityTypeConfiguration<PeerGroup>
{
    public void Configure(EntityTypeBuilder<PeerGroup> e)
    {
        e.HasIndex(g => new { g.UserId, g.Name }).IsUnique();
        e.Property(g => g.Name).HasMaxLength(PeerGroup.MaxNameLength);
        e.Property(g => g.Fips).HasMaxLength(PeerGroup.MaxCounties * 6);
        e.HasOne<ApplicationUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

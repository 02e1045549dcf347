using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.ToTable("Targets");
        builder.HasKey(t => t.Id);

        // Incremented on every change by ScorecardDbContext; a stale copy fails to save.
        builder.Property(t => t.Version).IsConcurrencyToken();

        builder.HasIndex(t => new { t.KpiId, t.Period }).IsUnique();
        builder.HasIndex(t => t.OrganizationId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class PreReadConfiguration : IEntityTypeConfiguration<PreRead>
{
    public void Configure(EntityTypeBuilder<PreRead> builder)
    {
        builder.ToTable("PreReads");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Cause).HasMaxLength(Lengths.ShortText);
        builder.Property(r => r.Countermeasure).HasMaxLength(Lengths.ShortText);

        // Like late notices: through (KpiId, OrganizationId), deleted with the KPI; people are plain ids.
        builder.HasOne<Kpi>().WithMany()
            .HasForeignKey(r => new { r.KpiId, r.OrganizationId })
            .HasPrincipalKey(k => new { k.Id, k.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.KpiId, r.Period }).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.AnsweredAt });
    }
}

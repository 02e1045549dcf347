using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class LateNoticeConfiguration : IEntityTypeConfiguration<LateNotice>
{
    public void Configure(EntityTypeBuilder<LateNotice> builder)
    {
        builder.ToTable("LateNotices");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Reason).HasMaxLength(Lengths.ShortText);

        // Like actuals: through (KpiId, OrganizationId), deleted with the KPI.
        builder.HasOne<Kpi>().WithMany()
            .HasForeignKey(l => new { l.KpiId, l.OrganizationId })
            .HasPrincipalKey(k => new { k.Id, k.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.KpiId, l.Period }).IsUnique();
        builder.HasIndex(l => new { l.OrganizationId, l.Eta });
    }
}

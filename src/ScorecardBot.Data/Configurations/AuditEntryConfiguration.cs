using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Subject).HasMaxLength(Lengths.AuditSubject);
        builder.Property(e => e.Change).HasMaxLength(Lengths.AuditChange);
        builder.Property(e => e.ActorName).HasMaxLength(Lengths.Name);

        // Subject, KPI and actor are plain ids, not foreign keys: the trail outlives what it describes.
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.OrganizationId, e.At });
        builder.HasIndex(e => new { e.SubjectId, e.At });
        builder.HasIndex(e => new { e.KpiId, e.Period });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ScorecardEditConfiguration : IEntityTypeConfiguration<ScorecardEditRecord>
{
    public void Configure(EntityTypeBuilder<ScorecardEditRecord> builder)
    {
        builder.ToTable("ScorecardEdits");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Command).HasMaxLength(Lengths.AuditChange);
        builder.Property(e => e.Description).HasMaxLength(Lengths.Text);

        // Undo finds a person's latest change of an organization.
        builder.HasIndex(e => new { e.OrganizationId, e.PersonId, e.At });
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

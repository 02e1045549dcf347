using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ReviewActionConfiguration : IEntityTypeConfiguration<ReviewAction>
{
    public void Configure(EntityTypeBuilder<ReviewAction> builder)
    {
        builder.ToTable("ReviewActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Text).HasMaxLength(Lengths.ShortText);

        builder.HasOne<Scorecard>().WithMany()
            .HasForeignKey(a => new { a.ScorecardId, a.OrganizationId })
            .HasPrincipalKey(s => new { s.Id, s.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Kpi>().WithMany().HasForeignKey(a => a.KpiId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(a => new { a.OrganizationId, a.Number }).IsUnique();

        // No key to the meeting: both hang off the scorecard, whose deletion cascades to each.
        builder.HasIndex(a => a.MeetingId);
    }
}

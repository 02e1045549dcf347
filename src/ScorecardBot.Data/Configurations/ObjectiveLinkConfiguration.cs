using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ObjectiveLinkConfiguration : IEntityTypeConfiguration<ObjectiveLink>
{
    public void Configure(EntityTypeBuilder<ObjectiveLink> builder)
    {
        builder.ToTable("ObjectiveLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Rationale).HasMaxLength(Lengths.ShortText);
        builder.HasIndex(l => new { l.CauseObjectiveId, l.EffectObjectiveId }).IsUnique();

        // Deleting an objective removes its arrows; done by EF for tracked links because the
        // database may hold only one cascade path (through the scorecard).
        builder.HasOne<Objective>().WithMany().HasForeignKey(l => l.CauseObjectiveId).OnDelete(DeleteBehavior.ClientCascade);
        builder.HasOne<Objective>().WithMany().HasForeignKey(l => l.EffectObjectiveId).OnDelete(DeleteBehavior.ClientCascade);
    }
}

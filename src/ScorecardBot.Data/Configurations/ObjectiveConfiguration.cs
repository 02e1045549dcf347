using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ObjectiveConfiguration : IEntityTypeConfiguration<Objective>
{
    public void Configure(EntityTypeBuilder<Objective> builder)
    {
        builder.ToTable("Objectives");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Key).HasMaxLength(Lengths.Key);
        builder.Property(o => o.Name).HasMaxLength(Lengths.Name);
        builder.Property(o => o.Description).HasMaxLength(Lengths.Text);
        builder.HasIndex(o => new { o.ScorecardId, o.Key }).IsUnique();

        // The scorecard already cascades to its objectives; a perspective with objectives cannot
        // be deleted until they are moved (and SQL Server forbids the second cascade path).
        builder.HasOne<Perspective>().WithMany().HasForeignKey(o => o.PerspectiveId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Objective>().WithMany().HasForeignKey(o => o.ParentObjectiveId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

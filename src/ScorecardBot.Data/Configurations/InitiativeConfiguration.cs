using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Conversions;

namespace ScorecardBot.Data.Configurations;

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> builder)
    {
        builder.ToTable("Initiatives");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Key).HasMaxLength(Lengths.Key);
        builder.Property(i => i.Name).HasMaxLength(Lengths.Name);
        builder.Property(i => i.Description).HasMaxLength(Lengths.Text);
        builder.Property(i => i.DecisionNeeded).HasMaxLength(Lengths.ShortText);
        builder.Property(i => i.ObjectiveIds).HasJsonConversion().HasMaxLength(Lengths.Text);
        builder.Property(i => i.KpiIds).HasJsonConversion().HasMaxLength(Lengths.Text);
        builder.HasIndex(i => new { i.ScorecardId, i.Key }).IsUnique();

        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasMany(i => i.Milestones).WithOne().HasForeignKey(m => m.InitiativeId).OnDelete(DeleteBehavior.Cascade);
    }
}

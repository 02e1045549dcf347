using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Conversions;

namespace ScorecardBot.Data.Configurations;

internal sealed class ReviewCycleConfiguration : IEntityTypeConfiguration<ReviewCycle>
{
    public void Configure(EntityTypeBuilder<ReviewCycle> builder)
    {
        builder.ToTable("ReviewCycles");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ReminderBusinessDays).HasJsonConversion().HasMaxLength(Lengths.ShortText);
        builder.HasIndex(c => new { c.ScorecardId, c.Kind }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class TeamChannelConfiguration : IEntityTypeConfiguration<TeamChannel>
{
    public void Configure(EntityTypeBuilder<TeamChannel> builder)
    {
        builder.ToTable("TeamChannels");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ConversationId).HasMaxLength(Lengths.ConversationId);
        builder.Property(c => c.ServiceUrl).HasMaxLength(Lengths.Url);
        builder.Property(c => c.Name).HasMaxLength(Lengths.Name);
        builder.HasIndex(c => new { c.ScorecardId, c.Platform, c.ConversationId }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ChannelAccountConfiguration : IEntityTypeConfiguration<ChannelAccount>
{
    /// <summary>
    /// Shadow column copied from the person through the foreign key. A Slack user id is only unique
    /// inside its workspace (and an AAD object id inside its tenant), so the same external id may
    /// belong to people of two organizations.
    /// </summary>
    public const string OrganizationId = "OrganizationId";

    public void Configure(EntityTypeBuilder<ChannelAccount> builder)
    {
        builder.ToTable("ChannelAccounts");
        builder.HasKey(a => a.Id);
        builder.Property<Guid>(OrganizationId);
        builder.Property(a => a.ExternalId).HasMaxLength(Lengths.ExternalId);
        builder.Property(a => a.ChannelUserId).HasMaxLength(Lengths.ConversationId);

        builder.HasIndex(OrganizationId, nameof(ChannelAccount.Platform), nameof(ChannelAccount.ExternalId)).IsUnique();
        builder.HasIndex(nameof(ChannelAccount.PersonId), OrganizationId);
    }
}

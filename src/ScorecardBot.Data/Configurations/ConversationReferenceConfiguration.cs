using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ConversationReferenceConfiguration : IEntityTypeConfiguration<ConversationReference>
{
    public void Configure(EntityTypeBuilder<ConversationReference> builder)
    {
        builder.ToTable("ConversationReferences");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ConversationId).HasMaxLength(Lengths.ConversationId);
        builder.Property(r => r.ServiceUrl).HasMaxLength(Lengths.Url);
        builder.Property(r => r.TenantOrTeamId).HasMaxLength(Lengths.ExternalId);
        builder.Property(r => r.BotId).HasMaxLength(Lengths.ExternalId);
        builder.Property(r => r.TeamId).HasMaxLength(Lengths.ConversationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(r => new { r.OrganizationId, r.Platform, r.ConversationId }).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.Platform, r.PersonId });
    }
}

internal sealed class SlackInstallationConfiguration : IEntityTypeConfiguration<SlackInstallation>
{
    public void Configure(EntityTypeBuilder<SlackInstallation> builder)
    {
        builder.ToTable("SlackInstallations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.TeamId).HasMaxLength(Lengths.ExternalId);
        builder.Property(i => i.TeamName).HasMaxLength(Lengths.Name);
        builder.Property(i => i.EnterpriseId).HasMaxLength(Lengths.ExternalId);
        builder.Property(i => i.ProtectedBotToken).HasMaxLength(Lengths.Text);
        builder.Property(i => i.BotUserId).HasMaxLength(Lengths.ExternalId);
        builder.Property(i => i.AppId).HasMaxLength(Lengths.ExternalId);
        builder.Property(i => i.Scopes).HasMaxLength(Lengths.ShortText);
        builder.HasIndex(i => i.TeamId).IsUnique();
    }
}

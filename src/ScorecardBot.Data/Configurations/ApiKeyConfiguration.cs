using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Conversions;

namespace ScorecardBot.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public const int PrefixLength = 16;

    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Ignore(k => k.IsRevoked);
        builder.Property(k => k.Name).HasMaxLength(Lengths.Name);
        builder.Property(k => k.Prefix).HasMaxLength(PrefixLength).IsUnicode(false);
        builder.Property(k => k.SecretHash).HasMaxLength(32);

        // A call names its key by the prefix: one indexed lookup, whatever the organization.
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => new { k.OrganizationId, k.Name });
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Url).HasMaxLength(Lengths.Url);
        builder.Property(w => w.Events).HasJsonConversion().HasMaxLength(Lengths.ShortText);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(Lengths.ShortText);
        builder.Property(w => w.CreatedBy).HasMaxLength(Lengths.Name);
        builder.HasIndex(w => w.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

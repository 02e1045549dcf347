using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Outbox;

/// <summary>
/// A person the bot cannot write to directly on one platform (Teams blocks it, the bot is not
/// installed for them, Slack's Messages tab is off). Written by the dispatcher when a direct message
/// fails for such a reason; while it exists, direct messages to them on that platform are not tried
/// again but posted in the team channel. Removed when they write to the bot or install it.
/// </summary>
public sealed class UnreachablePerson
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid PersonId { get; set; }
    public Platform Platform { get; set; }

    /// <summary>The platform's reason (see <see cref="Core.Delivery.DeliveryFailureCodes"/>).</summary>
    public required string Reason { get; set; }

    public DateTimeOffset Since { get; set; }

    /// <summary>When the scorecard manager was told; null until then.</summary>
    public DateTimeOffset? ManagerToldAt { get; set; }
}

internal sealed class UnreachablePersonConfiguration : IEntityTypeConfiguration<UnreachablePerson>
{
    public void Configure(EntityTypeBuilder<UnreachablePerson> builder)
    {
        builder.ToTable("UnreachablePeople");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Reason).HasMaxLength(OutboxMessageConfiguration.KindLength * 2).IsUnicode(false);
        builder.HasIndex(u => new { u.OrganizationId, u.PersonId, u.Platform }).IsUnique();

        // Through (Id, OrganizationId): a mark can never point at another organization's person.
        builder.HasOne<Person>().WithMany()
            .HasForeignKey(u => new { u.PersonId, u.OrganizationId })
            .HasPrincipalKey(p => new { p.Id, p.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

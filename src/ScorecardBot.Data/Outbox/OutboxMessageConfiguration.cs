using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ScorecardBot.Data.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const int KeyLength = 200;
    public const int KindLength = 40;
    public const int ConversationLength = 256;
    public const int ConversationKeyLength = 300;
    public const int MessageIdLength = 128;
    public const int ErrorLength = 1000;
    public const int LockLength = 100;

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Key).HasMaxLength(KeyLength).IsUnicode(false);
        builder.Property(m => m.DecisionKey).HasMaxLength(KeyLength).IsUnicode(false);
        builder.Property(m => m.ParentKey).HasMaxLength(KeyLength).IsUnicode(false);
        builder.Property(m => m.Kind).HasMaxLength(KindLength).IsUnicode(false);
        builder.Property(m => m.ConversationId).HasMaxLength(ConversationLength);
        builder.Property(m => m.ThreadId).HasMaxLength(ConversationLength);
        builder.Property(m => m.ConversationKey).HasMaxLength(ConversationKeyLength);
        builder.Property(m => m.UpdatesConversationId).HasMaxLength(ConversationLength);
        builder.Property(m => m.UpdatesMessageId).HasMaxLength(MessageIdLength);
        builder.Property(m => m.SentConversationId).HasMaxLength(ConversationLength);
        builder.Property(m => m.SentMessageId).HasMaxLength(MessageIdLength);
        builder.Property(m => m.LastError).HasMaxLength(ErrorLength);
        builder.Property(m => m.LockedBy).HasMaxLength(LockLength);
        builder.Property(m => m.PayloadJson);
        builder.Ignore(m => m.Destination);
        builder.Ignore(m => m.SentReference);
        builder.Ignore(m => m.FailureCode);

        // The idempotency of the whole rhythm rests on this index: one row per decision key.
        builder.HasIndex(m => new { m.OrganizationId, m.Key }).IsUnique();

        // The dispatcher's scan: due rows by status and time; the head-of-conversation check.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.OrganizationId, m.ConversationKey, m.Id });
        builder.HasIndex(m => new { m.OrganizationId, m.DecisionKey });

        builder.HasOne<Core.Model.Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

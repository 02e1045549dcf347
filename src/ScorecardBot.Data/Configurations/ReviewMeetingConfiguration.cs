using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ReviewMeetingConfiguration : IEntityTypeConfiguration<ReviewMeeting>
{
    public void Configure(EntityTypeBuilder<ReviewMeeting> builder)
    {
        builder.ToTable("ReviewMeetings");
        builder.HasKey(m => m.Id);
        builder.Ignore(m => m.Items);
        builder.Ignore(m => m.Current);
        builder.Property(m => m.ConversationId).HasMaxLength(Lengths.ConversationId);
        builder.Property(m => m.ThreadId).HasMaxLength(Lengths.ExternalId);
        builder.Property(m => m.ItemsJson);
        builder.Property(m => m.Version).IsConcurrencyToken();

        builder.HasOne<Scorecard>().WithMany()
            .HasForeignKey(m => new { m.ScorecardId, m.OrganizationId })
            .HasPrincipalKey(s => new { s.Id, s.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Notes).WithOne().HasForeignKey(n => n.MeetingId).OnDelete(DeleteBehavior.Cascade);

        // The open meeting of a scorecard, and the meetings that close themselves.
        builder.HasIndex(m => new { m.OrganizationId, m.ScorecardId, m.State });
        builder.HasIndex(m => new { m.State, m.EndsAt });
    }
}

internal sealed class MeetingNoteConfiguration : IEntityTypeConfiguration<MeetingNote>
{
    public void Configure(EntityTypeBuilder<MeetingNote> builder)
    {
        builder.ToTable("MeetingNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Text).HasMaxLength(Lengths.ShortText);
        builder.HasIndex(n => new { n.MeetingId, n.At });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ActualConfiguration : IEntityTypeConfiguration<Actual>
{
    public void Configure(EntityTypeBuilder<Actual> builder)
    {
        builder.ToTable("Actuals");
        builder.HasKey(a => a.Id);
        builder.Ignore(a => a.HasValue);
        builder.Property(a => a.NoDataReason).HasMaxLength(Lengths.ShortText);
        builder.Property(a => a.Comment).HasMaxLength(Lengths.Text);
        builder.Property(a => a.SubmittedByName).HasMaxLength(Lengths.Name);
        builder.Property(a => a.CommentByName).HasMaxLength(Lengths.Name);
        builder.Property(a => a.SourceSystem).HasMaxLength(Lengths.Name);

        // Incremented on every change by ScorecardDbContext; a stale copy fails to save.
        builder.Property(a => a.Version).IsConcurrencyToken();

        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.SubmittedById).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(a => new { a.KpiId, a.Period }).IsUnique();
        builder.HasIndex(a => new { a.OrganizationId, a.Period });
    }
}

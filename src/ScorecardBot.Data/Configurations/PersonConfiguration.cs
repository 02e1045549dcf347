using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(Lengths.Name);
        builder.Property(p => p.Email).HasMaxLength(Lengths.Email);
        builder.Property(p => p.TimeZoneId).HasMaxLength(Lengths.TimeZone);

        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.OrganizationId, p.Email }).IsUnique();

        // (Id, OrganizationId) is the target of ChannelAccount's foreign key, which carries the
        // organization so that a chat account id is unique per organization.
        builder.HasAlternateKey(p => new { p.Id, p.OrganizationId });
        builder.HasMany(p => p.Accounts)
            .WithOne()
            .HasForeignKey(nameof(ChannelAccount.PersonId), ChannelAccountConfiguration.OrganizationId)
            .HasPrincipalKey(p => new { p.Id, p.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

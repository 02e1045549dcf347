using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Conversions;

namespace ScorecardBot.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(Lengths.Name);
        builder.Property(o => o.TimeZoneId).HasMaxLength(Lengths.TimeZone);
        builder.Property(o => o.Locale).HasMaxLength(Lengths.Locale);
        builder.Property(o => o.Currency).HasMaxLength(Lengths.Currency);
        builder.Property(o => o.TeamsTenantId).HasMaxLength(Lengths.ExternalId);
        builder.Property(o => o.SlackTeamId).HasMaxLength(Lengths.ExternalId);

        // Rows that existed before weekends could be set get Saturday and Sunday, not "no weekend".
        builder.Property(o => o.WeekendDays).HasJsonConversion().HasMaxLength(Lengths.Unit)
            .HasDefaultValue(new List<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday });

        // One organization per tenant / workspace. NULLs do not collide: SQLite and PostgreSQL
        // allow many NULLs in a unique index, and SQL Server gets an "IS NOT NULL" filter.
        builder.HasIndex(o => o.TeamsTenantId).IsUnique();
        builder.HasIndex(o => o.SlackTeamId).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> builder)
    {
        builder.ToTable("Absences");
        builder.HasKey(a => a.Id);

        // Through (PersonId, OrganizationId), so an absence never belongs to another organization's
        // person, and it goes with the person. The delegate is a plain id checked by the store: a
        // second key to People would be a NO ACTION path that PostgreSQL checks before the
        // organization's cascade has removed the people.
        builder.HasOne<Person>().WithMany()
            .HasForeignKey(a => new { a.PersonId, a.OrganizationId })
            .HasPrincipalKey(p => new { p.Id, p.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OrganizationId, a.To });
    }
}

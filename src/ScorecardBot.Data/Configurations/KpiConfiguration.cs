using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Conversions;

namespace ScorecardBot.Data.Configurations;

internal sealed class KpiConfiguration : IEntityTypeConfiguration<Kpi>
{
    public void Configure(EntityTypeBuilder<Kpi> builder)
    {
        builder.ToTable("Kpis");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Key).HasMaxLength(Lengths.Key);
        builder.Property(k => k.Name).HasMaxLength(Lengths.Name);
        builder.Property(k => k.Aliases).HasJsonConversion().HasMaxLength(Lengths.Text);
        builder.Property(k => k.Description).HasMaxLength(Lengths.Text);
        builder.Property(k => k.Unit).HasMaxLength(Lengths.Unit);
        builder.Property(k => k.Formula).HasMaxLength(Lengths.ShortText);
        builder.Property(k => k.DataSource).HasMaxLength(Lengths.ShortText);

        // The scorecard cascades (see ScorecardConfiguration); the objective only restricts.
        builder.HasOne<Objective>().WithMany().HasForeignKey(k => k.ObjectiveId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.DelegateId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Kpi>().WithMany().HasForeignKey(k => k.PairKpiId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(k => new { k.OrganizationId, k.Key }).IsUnique();

        // Targets and actuals point at (Id, OrganizationId) so that a row can never belong to a
        // KPI of another organization; EF copies both values when they are added through the KPI.
        builder.HasAlternateKey(k => new { k.Id, k.OrganizationId });
        builder.HasMany(k => k.Targets).WithOne()
            .HasForeignKey(t => new { t.KpiId, t.OrganizationId })
            .HasPrincipalKey(k => new { k.Id, k.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(k => k.Actuals).WithOne()
            .HasForeignKey(a => new { a.KpiId, a.OrganizationId })
            .HasPrincipalKey(k => new { k.Id, k.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

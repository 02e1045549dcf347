using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class ScorecardConfiguration : IEntityTypeConfiguration<Scorecard>
{
    public void Configure(EntityTypeBuilder<Scorecard> builder)
    {
        builder.ToTable("Scorecards");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Key).HasMaxLength(Lengths.Key);
        builder.Property(s => s.Name).HasMaxLength(Lengths.Name);
        builder.Property(s => s.Description).HasMaxLength(Lengths.Text);

        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.OrganizationId, s.Key }).IsUnique();

        // Rows that carry an OrganizationId reach the organization through (Id, OrganizationId)
        // keys: scorecard -> KPI -> target/actual. The database then guarantees they all belong
        // to one organization, and deleting a scorecard is one cascade chain. A direct NO ACTION
        // key to Organizations as well would make PostgreSQL refuse cascaded deletes.
        builder.HasAlternateKey(s => new { s.Id, s.OrganizationId });

        // References across the tree never cascade: SQL Server refuses a second cascade path, and a
        // parent scorecard or a manager must not silently take team scorecards with it.
        builder.HasOne<Scorecard>().WithMany().HasForeignKey(s => s.ParentScorecardId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Objective>().WithMany().HasForeignKey(s => s.SupportsObjectiveId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.ManagerId).OnDelete(DeleteBehavior.ClientSetNull);

        builder.HasMany(s => s.Perspectives).WithOne().HasForeignKey(p => p.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Objectives).WithOne().HasForeignKey(o => o.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Links).WithOne().HasForeignKey(l => l.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Kpis).WithOne()
            .HasForeignKey(k => new { k.ScorecardId, k.OrganizationId })
            .HasPrincipalKey(s => new { s.Id, s.OrganizationId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Initiatives).WithOne().HasForeignKey(i => i.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.ReviewCycles).WithOne().HasForeignKey(c => c.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Channels).WithOne().HasForeignKey(c => c.ScorecardId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

internal sealed class PerspectiveConfiguration : IEntityTypeConfiguration<Perspective>
{
    public void Configure(EntityTypeBuilder<Perspective> builder)
    {
        builder.ToTable("Perspectives");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(Lengths.Name);
    }
}

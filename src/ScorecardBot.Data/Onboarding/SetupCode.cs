using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScorecardBot.Data.Configurations;

namespace ScorecardBot.Data.Onboarding;

/// <summary>
/// A one-time code that lets one tenant or workspace set up its organization when Onboarding:Mode
/// is invite. Only the SHA-256 of the code is stored; a code is taken once, before it expires.
/// </summary>
public sealed class SetupCode
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>SHA-256 of the code as the operator got it (upper-cased, without dashes).</summary>
    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the code set up an organization; a used code never works again.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>"teams:&lt;tenant&gt;" or "slack:&lt;team&gt;" that used it.</summary>
    public string? UsedBy { get; set; }
}

internal sealed class SetupCodeConfiguration : IEntityTypeConfiguration<SetupCode>
{
    public void Configure(EntityTypeBuilder<SetupCode> builder)
    {
        builder.ToTable("SetupCodes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Hash).HasMaxLength(32);
        builder.Property(c => c.UsedBy).HasMaxLength(Lengths.ExternalId + 8);
        builder.HasIndex(c => c.Hash).IsUnique();
    }
}

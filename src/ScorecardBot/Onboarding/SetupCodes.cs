using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Data;
using ScorecardBot.Data.Onboarding;

namespace ScorecardBot.Onboarding;

/// <summary>
/// One-time setup codes for Onboarding:Mode = invite. A code is 20 random characters of an alphabet
/// without look-alikes, shown once to the operator; the database keeps only its SHA-256. Taking a code
/// is one conditional UPDATE (unused, not expired), so two tenants can never both use it.
/// </summary>
public static class SetupCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Makes a code that lives until <paramref name="expiresAt"/>; returns it as the operator types it (XXXXX-XXXXX-XXXXX-XXXXX).</summary>
    public static async Task<string> CreateAsync(ScorecardDbContext db, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 20);
        var code = string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 5, 5)));
        db.SetupCodes.Add(new SetupCode { Hash = Hash(code), CreatedAt = now, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>Takes the code for <paramref name="usedBy"/> in the caller's transaction; false when it is unknown, used or expired.</summary>
    public static async Task<bool> TryTakeAsync(ScorecardDbContext db, string code, string usedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        if (normalized.Length != 20)
        {
            return false;
        }

        var hash = Hash(normalized);
        var taken = await db.SetupCodes
            .Where(c => c.Hash == hash && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now).SetProperty(c => c.UsedBy, usedBy), cancellationToken);
        return taken == 1;
    }

    private static string Normalize(string code) =>
        new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code)));
}

using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Tests;

public sealed class ModelShapeTests
{
    [Fact]
    public void Model_builds_for_every_provider_with_period_stored_as_text()
    {
        foreach (var configure in new Action<DbContextOptionsBuilder<ScorecardDbContext>>[]
        {
            o => o.UseSqlite("Data Source=:memory:"),
            o => o.UseSqlServer("Server=.;Database=x"),
            o => o.UseNpgsql("Host=localhost"),
        })
        {
            var builder = new DbContextOptionsBuilder<ScorecardDbContext>();
            configure(builder);
            using var db = new ScorecardDbContext(builder.Options, new AuditContext(), TimeProvider.System);
            var model = db.Model;
            var period = model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.Period))!;
            Assert.Equal(typeof(string), period.GetValueConverter()?.ProviderClrType);
            Assert.Equal(10, period.GetMaxLength());
        }
    }
}

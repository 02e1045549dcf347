using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// The door the host uses for "scorecard as code": the <c>import</c>, <c>export</c>,
/// <c>import-actuals</c> and <c>import-holidays</c> verbs and seeding a sample into an empty database. Scoped, like the
/// <see cref="ScorecardDbContext"/> it works on.
/// </summary>
public sealed class ScorecardAsCode(ScorecardDbContext db, ScorecardImporter importer, ScorecardExporter exporter, ActualsCsvImporter actuals, HolidayCalendarImporter holidays)
{
    /// <summary>Imports a scorecard file; throws <see cref="AsCodeImportException"/> listing every problem.</summary>
    public Task<AsCodeImportResult> ImportAsync(string path, AsCodeActor? actor = null, Guid? organizationId = null, CancellationToken cancellationToken = default) =>
        importer.ImportAsync(path, actor, organizationId, cancellationToken);

    /// <summary>
    /// Imports actuals into <paramref name="organizationId"/>, or into the only organization
    /// when there is exactly one (the usual case of the embedded default).
    /// </summary>
    public async Task<ActualsImportResult> ImportActualsAsync(
        string path, AsCodeActor? actor = null, Guid? organizationId = null, IProgress<ActualsImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await actuals.ImportAsync(path, organizationId ?? await OnlyOrganizationAsync(cancellationToken), actor, progress, cancellationToken);

    /// <summary>Imports holidays (an .ics calendar or date,name CSV) into the organization, or the only one.</summary>
    public async Task<HolidayImportResult> ImportHolidaysAsync(string path, Guid? organizationId = null, CancellationToken cancellationToken = default) =>
        await holidays.ImportAsync(path, organizationId ?? await OnlyOrganizationAsync(cancellationToken), cancellationToken);

    /// <summary>The organization's scorecards as YAML text; the only organization when none is named.</summary>
    public async Task<string> ExportAsync(Guid? organizationId = null, CancellationToken cancellationToken = default) =>
        await exporter.ExportAsync(organizationId ?? await OnlyOrganizationAsync(cancellationToken), cancellationToken);

    public async Task ExportAsync(string path, Guid? organizationId = null, CancellationToken cancellationToken = default) =>
        await exporter.ExportAsync(organizationId ?? await OnlyOrganizationAsync(cancellationToken), path, cancellationToken);

    /// <summary>
    /// Loads a sample (and its history when <paramref name="actualsPath"/> is given) when the
    /// database holds no organization yet. Returns the new organization's id, or null when the
    /// database was not empty.
    /// </summary>
    public async Task<Guid?> SeedIfEmptyAsync(string yamlPath, string? actualsPath = null, CancellationToken cancellationToken = default)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            return null;
        }

        var result = await importer.ImportAsync(yamlPath, AsCodeActor.System, null, cancellationToken);
        if (actualsPath is not null)
        {
            await actuals.ImportAsync(actualsPath, result.OrganizationId, AsCodeActor.System, cancellationToken: cancellationToken);
        }

        return result.OrganizationId;
    }

    private async Task<Guid> OnlyOrganizationAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync(cancellationToken);
        return ids.Count switch
        {
            1 => ids[0],
            0 => throw new InvalidOperationException("The database holds no organization yet; import a scorecard file first."),
            _ => throw new InvalidOperationException(
                $"The database holds several organizations; say which one with --org \"NAME\". {await OrganizationListAsync(cancellationToken)}"),
        };
    }

    /// <summary>"The organizations are: ..." (the first 20 by name), for messages that ask for --org.</summary>
    public async Task<string> OrganizationListAsync(CancellationToken cancellationToken = default)
    {
        const int shown = 20;
        var names = await db.Organizations.AsNoTracking().Select(o => o.Name).ToListAsync(cancellationToken);
        if (names.Count == 0)
        {
            return "There is no organization yet.";
        }

        var listed = string.Join(", ", names.Order(StringComparer.OrdinalIgnoreCase).Take(shown).Select(n => $"\"{n}\""));
        return names.Count > shown ? $"The organizations are: {listed} and {names.Count - shown} more." : $"The organizations are: {listed}.";
    }
}

public static class ScorecardAsCodeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ScorecardAsCode"/> and the importers and exporter behind it (scoped).
    /// Needs <c>AddScorecardData</c> for the database, the audit context and the clock.
    /// </summary>
    public static IServiceCollection AddScorecardAsCode(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IActualValueReader>(InvariantActualValueReader.Instance);
        services.TryAddScoped<ScorecardImporter>();
        services.TryAddScoped<ScorecardExporter>();
        services.TryAddScoped<ActualsCsvImporter>();
        services.TryAddScoped<HolidayCalendarImporter>();
        services.TryAddScoped<ScorecardAsCode>();
        return services;
    }
}

using Microsoft.EntityFrameworkCore;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using Spectre.Console;

namespace ScorecardBot.Cli;

/// <summary>The scorecard-as-code verbs share how they pick the organization and report problems.</summary>
internal abstract class AsCodeVerb : ICommandLineVerb
{
    public abstract string Name { get; }
    public abstract string Usage { get; }
    public abstract string Description { get; }

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var positional = new List<string>();
        string? organization = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--org" or "--organization")
            {
                if (i + 1 >= args.Count)
                {
                    error.WriteLine($"{args[i]} needs the organization's name. Usage: {Usage}");
                    return 2;
                }

                organization = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        Guid? organizationId = null;
        if (organization is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var named = await db.Organizations.AsNoTracking().Where(o => o.Name == organization).Select(o => o.Id).ToListAsync();
            if (named.Count == 0)
            {
                // Not exactly as stored: the same name in other letter case, when only one organization has it.
                var all = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync();
                named = [.. all.Where(o => string.Equals(o.Name.Trim(), organization.Trim(), StringComparison.OrdinalIgnoreCase)).Select(o => o.Id)];
            }

            if (named.Count != 1)
            {
                var list = await scope.ServiceProvider.GetRequiredService<ScorecardAsCode>().OrganizationListAsync();
                error.WriteLine(named.Count == 0
                    ? $"There is no organization named '{organization}'. {list}"
                    : $"Several organizations are named '{organization}'. {list}");
                return 1;
            }

            organizationId = named[0];
        }

        try
        {
            return await RunAsync(scope.ServiceProvider.GetRequiredService<ScorecardAsCode>(), positional, organizationId, output, error);
        }
        catch (AsCodeImportException e)
        {
            foreach (var problem in e.Problems)
            {
                error.WriteLine(problem.ToString());
            }

            error.WriteLine(e.Problems.Count == 1 ? "1 problem; nothing was changed." : $"{e.Problems.Count} problems; nothing was changed.");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    protected abstract Task<int> RunAsync(ScorecardAsCode asCode, IReadOnlyList<string> args, Guid? organizationId, TextWriter output, TextWriter error);

    protected int UsageError(TextWriter error)
    {
        error.WriteLine($"Usage: {Usage}");
        return 2;
    }
}

internal sealed class ImportVerb : AsCodeVerb
{
    public override string Name => "import";
    public override string Usage => "import FILE.yaml [--org NAME]";
    public override string Description => "creates or updates scorecards from a file (idempotent)";

    protected override async Task<int> RunAsync(ScorecardAsCode asCode, IReadOnlyList<string> args, Guid? organizationId, TextWriter output, TextWriter error)
    {
        if (args.Count != 1)
        {
            return UsageError(error);
        }

        var result = await asCode.ImportAsync(args[0], organizationId: organizationId);
        output.WriteLine(result.ChangedNothing
            ? $"{args[0]}: already up to date, nothing changed."
            : $"{args[0]}: {result.Created} created, {result.Updated} updated, {result.AuditEntries} audit entries.");
        return 0;
    }
}

internal sealed class ExportVerb : AsCodeVerb
{
    public override string Name => "export";
    public override string Usage => "export [FILE.yaml] [--org NAME]";
    public override string Description => "writes the scorecards in the import format (stdout without FILE)";

    protected override async Task<int> RunAsync(ScorecardAsCode asCode, IReadOnlyList<string> args, Guid? organizationId, TextWriter output, TextWriter error)
    {
        switch (args.Count)
        {
            case 0:
                output.Write(await asCode.ExportAsync(organizationId));
                return 0;
            case 1:
                await asCode.ExportAsync(args[0], organizationId);
                output.WriteLine($"Wrote {args[0]}.");
                return 0;
            default:
                return UsageError(error);
        }
    }
}

internal sealed class ImportActualsVerb : AsCodeVerb
{
    public override string Name => "import-actuals";
    public override string Usage => "import-actuals FILE.csv [--org NAME]";
    public override string Description => "loads history: kpi,period,value,comment (idempotent)";

    protected override async Task<int> RunAsync(ScorecardAsCode asCode, IReadOnlyList<string> args, Guid? organizationId, TextWriter output, TextWriter error)
    {
        if (args.Count != 1)
        {
            return UsageError(error);
        }

        // The bars go to the error stream, so the summary on standard output stays one line for scripts.
        // A terminal sees the bars; a pipe or a log file only the summary.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        var result = !console.Profile.Capabilities.Interactive
            ? await asCode.ImportActualsAsync(args[0], organizationId: organizationId)
            : await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var progress = new ImportProgress(context.AddTask($"Reading {Path.GetFileName(args[0])}"), context.AddTask("Saving", autoStart: false));
                return await asCode.ImportActualsAsync(args[0], organizationId: organizationId, progress: progress);
            });
        output.WriteLine($"{args[0]}: {result.Rows} rows, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
        return 0;
    }

    /// <summary>Moves the two bars as the importer reports: bytes read of the file, then rows saved.</summary>
    private sealed class ImportProgress(ProgressTask reading, ProgressTask saving) : IProgress<ActualsImportProgress>
    {
        public void Report(ActualsImportProgress value)
        {
            var task = value.Stage == ActualsImportStage.Reading ? reading : saving;
            if (!task.IsStarted)
            {
                task.StartTask();
            }

            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Total == 0 ? 0 : value.Done;
            if (value.Total > 0 && value.Done >= value.Total)
            {
                task.StopTask();
            }
        }
    }
}

internal sealed class ImportHolidaysVerb : AsCodeVerb
{
    public override string Name => "import-holidays";
    public override string Usage => "import-holidays FILE.ics|FILE.csv [--org NAME]";
    public override string Description => "adds public holidays (iCalendar, or date,name CSV)";

    protected override async Task<int> RunAsync(ScorecardAsCode asCode, IReadOnlyList<string> args, Guid? organizationId, TextWriter output, TextWriter error)
    {
        if (args.Count != 1)
        {
            return UsageError(error);
        }

        var result = await asCode.ImportHolidaysAsync(args[0], organizationId);
        output.WriteLine($"{args[0]}: {result.Days} days, {result.Created} added, {result.Renamed} renamed, {result.Unchanged} already there.");
        return 0;
    }
}

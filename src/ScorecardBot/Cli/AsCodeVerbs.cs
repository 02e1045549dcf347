using Microsoft.EntityFrameworkCore;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;

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
            organizationId = await db.Organizations.Where(o => o.Name == organization).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
            if (organizationId is null)
            {
                error.WriteLine($"There is no organization named '{organization}'.");
                return 1;
            }
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

        var result = await asCode.ImportActualsAsync(args[0], organizationId: organizationId);
        output.WriteLine($"{args[0]}: {result.Rows} rows, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
        return 0;
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

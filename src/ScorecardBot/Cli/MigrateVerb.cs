using ScorecardBot.Data;

namespace ScorecardBot.Cli;

internal sealed class MigrateVerb : ICommandLineVerb
{
    public string Name => "migrate";
    public string Usage => "migrate";
    public string Description => "applies pending database migrations and exits";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        output.WriteLine(applied.Count == 0
            ? $"The {options.Provider} database is up to date."
            : $"Applied {applied.Count} migration(s) to the {options.Provider} database: {string.Join(", ", applied)}");
        return 0;
    }
}

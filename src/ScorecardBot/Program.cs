using ScorecardBot.Cli;
using ScorecardBot.Hosting;

// `ScorecardBot` runs the bot; `ScorecardBot <verb> ...` runs one command-line verb (migrate,
// import, export, import-actuals, manifest, healthcheck) against the configured database and exits.
var verb = CommandLineVerbs.Find(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = verb is null ? args : CommandLineVerbs.ConfigurationArgs(args),
    // Settings files ship beside the program, wherever it is started from.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddScorecardBot(runsAsVerb: verb is not null);
var app = builder.Build();

if (verb is not null)
{
    return await verb.RunAsync(app.Services, CommandLineVerbs.VerbArgs(args), Console.Out, Console.Error);
}

app.MapScorecardBot();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

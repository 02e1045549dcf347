using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Slack;

// The Slack endpoints alone, with a turn handler that answers "help": what bench/slack/run.sh loads.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddSlack(builder.Configuration);
builder.Services.AddSingleton<ISlackTurnHandler, HelpTurnHandler>();
builder.Services.AddSingleton<ISlackIdentityResolver, EveryoneIsAna>();
builder.Services.AddSingleton<IAppHomeProvider>(new FixedAppHomeProvider(_ => Message.Text("Home")));

var app = builder.Build();
if (!app.MapSlackEndpoints())
{
    Console.Error.WriteLine("Set Slack__SigningSecret.");
    return 1;
}

app.Run();
return 0;

internal sealed class HelpTurnHandler : ISlackTurnHandler
{
    private static readonly TurnResult Help = TurnResult.Of(new Message(
        [Paragraph.Of("*/scorecard* my kpis · actual <kpi> <value> · digest · agenda")],
        "Scorecard help")
    { Kind = "help" });

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken ct) => Task.FromResult(Help);
}

internal sealed class EveryoneIsAna : ISlackIdentityResolver
{
    private static readonly Task<SlackIdentity?> Ana = Task.FromResult<SlackIdentity?>(
        new SlackIdentity(Guid.Parse("11111111-1111-1111-1111-111111111111"), new Actor(Guid.Parse("22222222-2222-2222-2222-222222222222"), "Ana", "ana@example.com", Role.Owner)));

    public Task<SlackIdentity?> ResolveAsync(string teamId, string userId, CancellationToken ct) => Ana;
}

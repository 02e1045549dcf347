using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams;

// Local mode (no Teams:AppId): loopback callers only, replies sent without a token to the
// capture sink named by the activities' serviceUrl (allowed through Teams:AllowedServiceUrls).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddTeams(builder.Configuration);

var organizationId = Guid.Parse("0b3c2a8e-5f41-4e7d-9a62-1c0d8e7f6a5b");
var actor = new Actor(Guid.Parse("a1a1a1a1-0000-4000-8000-000000000001"), "Ana Lima", "ana@contoso.test", Role.Owner);
// Bench:TenantId / Bench:AadObjectId let a Teams-shaped client such as the Agents Playground be a known user.
var tenantId = builder.Configuration["Bench:TenantId"] ?? "72f988bf-86f1-41af-91ab-2d7cd011db47";
var aadObjectId = builder.Configuration["Bench:AadObjectId"] ?? "6d415fdd-f97e-4f70-ac45-e69601e4ecb2";
builder.Services.AddSingleton<ITeamsIdentityResolver>(new InMemoryTeamsIdentityResolver()
    .AddTenant(tenantId, organizationId)
    .AddPerson(organizationId, aadObjectId, actor));
builder.Services.AddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
builder.Services.AddSingleton<ITeamsTurnHandler, StatusAnswer>();

var app = builder.Build();
app.MapTeamsEndpoints();
app.Run();

/// <summary>
/// Answers like the engine would: a status card for any text, a prompt card for "card", and a
/// replacement "recorded" card for a press of the prompt's button.
/// </summary>
internal sealed class StatusAnswer : ITeamsTurnHandler
{
    private static readonly TurnResult Prompt = TurnResult.Of(new Message(
        [
            new Heading("Customer retention — October"),
            new NumberInput("actual", "Actual (%)") { IsRequired = true },
            new ActionBar([new MessageAction("submit-actual", "Submit") { SubmitsInputs = true, Style = ActionStyle.Primary }]),
        ],
        "Please report October's actual for Customer retention"));

    private static readonly TurnResult Answer = TurnResult.Of(new Message(
        [
            new Heading("Customer retention"),
            new FactList([new Fact("Actual", "91.5 %"), new Fact("Target", "92 %"), new Fact("Status", "Amber, improving")]),
        ],
        "Customer retention is amber: 91.5 % against 92 %"));

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Action is { } action)
        {
            return Task.FromResult(TurnResult.Of(new Message(
                [new Heading("Recorded"), new FactList([.. action.Inputs.Select(i => new Fact(i.Key, i.Value))]), new Note($"action {action.ActionId}")],
                "Recorded")
            { ReplacesSource = true }));
        }

        return Task.FromResult(turn.Text == "card" ? Prompt : Answer);
    }
}

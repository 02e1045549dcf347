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
builder.Services.AddSingleton<ITeamsIdentityResolver>(new InMemoryTeamsIdentityResolver()
    .AddTenant("72f988bf-86f1-41af-91ab-2d7cd011db47", organizationId)
    .AddPerson(organizationId, "6d415fdd-f97e-4f70-ac45-e69601e4ecb2", actor));
builder.Services.AddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
builder.Services.AddSingleton<ITeamsTurnHandler, StatusAnswer>();

var app = builder.Build();
app.MapTeamsEndpoints();
app.Run();

/// <summary>Answers every turn with a small status card, as the engine would for "status".</summary>
internal sealed class StatusAnswer : ITeamsTurnHandler
{
    private static readonly TurnResult Answer = TurnResult.Of(new Message(
        [
            new Heading("Customer retention"),
            new FactList([new Fact("Actual", "91.5 %"), new Fact("Target", "92 %"), new Fact("Status", "Amber, improving")]),
        ],
        "Customer retention is amber: 91.5 % against 92 %"));

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken) => Task.FromResult(Answer);
}

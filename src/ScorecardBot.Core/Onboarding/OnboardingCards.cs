using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Onboarding;

/// <summary>What the bot says to people it does not know yet, in neutral messages every channel renders.</summary>
public static class OnboardingCards
{
    public const string SetUpKind = "setup";
    public const string NotSetUpKind = "not-set-up";
    public const string SetUpDoneKind = "setup-done";
    public const string NotYouKind = "not-set-up-for-you";
    public const string NewcomerKind = "newcomer";

    /// <summary>What "closed" answers in an unclaimed tenant: an operator has to connect it.</summary>
    public static string NotSetUp(Platform platform) => platform == Platform.Slack
        ? "ScorecardBot isn't set up for your organization yet. Ask your Slack admin or scorecard admin to connect this workspace; until then I can't show or record anything."
        : "ScorecardBot isn't set up for your organization yet. Ask your Microsoft 365 admin or scorecard admin to connect this Teams tenant; until then I can't show or record anything.";

    /// <summary>A claimed tenant, a person nobody added yet.</summary>
    public static string NotSetUpForYou(string organization) =>
        $"ScorecardBot is not set up for you in {organization} yet. I've asked its admins to add you; you'll hear from me when they have.";

    /// <summary>The set-up card: a name, how to start, and in invite mode the setup code.</summary>
    public static Message SetUp(OnboardingMode mode, Platform platform, string? suggestedName, string? problem = null, string? typedCode = null, string? typedStart = null)
    {
        var where = platform == Platform.Slack ? "Slack workspace" : "Teams tenant";
        var blocks = new List<Block>
        {
            new Heading("Set up ScorecardBot"),
            Paragraph.Of($"No organization uses ScorecardBot in this {where} yet. Set one up now: you become its admin, and its time zone and language are taken from your profile."),
        };
        if (problem is not null)
        {
            blocks.Add(Paragraph.Of(problem, TextTone.Warning));
        }

        blocks.Add(new TextInput(OnboardingActions.Name, "Organization name") { IsRequired = true, Value = suggestedName, MaxLength = 200 });
        blocks.Add(new ChoiceInput(OnboardingActions.Start, "Start with",
        [
            new Choice("A template: the four perspectives with example objectives and KPIs", OnboardingActions.Template),
            new Choice("The logistics sample (a trucking company)", OnboardingActions.Logistics),
            new Choice("The manufacturing sample (a drive maker)", OnboardingActions.Manufacturing),
            new Choice("My scorecard file (YAML), which I'll send next", OnboardingActions.Upload),
            new Choice("Empty: I'll build it in chat", OnboardingActions.Empty),
        ]) { IsRequired = true, Value = typedStart ?? OnboardingActions.Template });
        if (mode == OnboardingMode.Invite)
        {
            blocks.Add(new TextInput(OnboardingActions.Code, "Setup code") { IsRequired = true, Placeholder = "the code your operator gave you", MaxLength = 64, Value = typedCode });
        }

        blocks.Add(new ActionBar([new MessageAction(OnboardingActions.SetUp, "Set up") { Style = ActionStyle.Primary, SubmitsInputs = true }]));
        var summary = problem is null
            ? $"ScorecardBot isn't set up in this {where} yet: set it up now and you become its admin."
            : problem;
        return new Message(blocks, summary) { Kind = SetUpKind };
    }

    /// <summary>The admins' card about someone who wrote to the bot and is not in the organization.</summary>
    public static Message Newcomer(Newcomer who)
    {
        var name = who.Name is { Length: > 0 } n ? n : who.Email ?? who.UserId;
        var data = new Dictionary<string, string>
        {
            [PeopleActions.Keys.Email] = who.Email ?? string.Empty,
            [PeopleActions.Keys.Name] = name,
            [PeopleActions.Keys.Platform] = who.Platform.ToString(),
            [PeopleActions.Keys.Account] = who.UserId,
        };
        if (who.ChannelUserId is { Length: > 0 } channelUserId)
        {
            data[PeopleActions.Keys.ChannelUser] = channelUserId;
        }

        var facts = new List<Fact> { new("Name", name) };
        if (who.Email is { Length: > 0 } email)
        {
            facts.Add(new Fact("E-mail", email));
        }

        return new Message(
            [
                new Heading($"{name} wants to use ScorecardBot"),
                Paragraph.Of($"{name} wrote to me on {who.Platform} and is not in the organization yet. Add them with a role, or ignore this card."),
                new FactList(facts),
                new ChoiceInput(PeopleActions.Keys.Role, "Role",
                [
                    new Choice("Viewer: sees the scorecards", "viewer"),
                    new Choice("Owner: reports actuals for KPIs they own", "owner"),
                    new Choice("Scorecard manager: assigns owners, sets targets, runs reviews", "scorecard_manager"),
                    new Choice("Admin: manages the organization", "admin"),
                ]) { Value = "viewer", IsRequired = true },
                new ActionBar([new MessageAction(PeopleActions.Add, "Add") { Style = ActionStyle.Primary, SubmitsInputs = true, Data = data }]),
            ],
            $"{name} wrote to me and is not in the organization yet: add them with people add {who.Email ?? name}.")
        { Kind = NewcomerKind };
    }
}

/// <summary>The people card's action and keys.</summary>
public static class PeopleActions
{
    /// <summary>Add a person from the newcomer card (data: e-mail, name, platform, account; input: role).</summary>
    public const string Add = "scorecard.people.add";

    public static class Keys
    {
        public const string Email = "email";
        public const string Name = "name";
        public const string Platform = "platform";
        public const string Account = "account";
        public const string ChannelUser = "channel_user";
        public const string Role = "role";
    }
}

using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Handlers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// The scorecard changes managers make in chat, as the engine reads them: each command's pieces
/// become one change for the store, pieces that are missing or wrong come back on the command's
/// card with what was typed, and only managers get that far.
/// </summary>
public class ScorecardEditCommandTests
{
    private readonly SampleOrganization _sample = new();
    private readonly RecordingEdits _edits = new();
    private readonly FakeTimeProvider _time = new(SampleOrganization.Now);
    private readonly ConversationEngine _engine;

    public ScorecardEditCommandTests()
    {
        _engine = new ConversationEngine(_sample.Store, _sample.Store, new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") }, _time, edits: _edits);
    }

    private Turn TurnFor(Person person, ConversationKind kind = ConversationKind.Direct, string conversation = "D123") => new()
    {
        OrganizationId = _sample.Organization.Id,
        Actor = new Actor(person.Id, person.Name, person.Email, person.Role),
        Platform = Platform.Slack,
        Conversation = new ConversationAddress(Platform.Slack, conversation, kind),
        At = _time.GetUtcNow(),
    };

    private async Task<Message> SayAsync(Person person, string text, ConversationKind kind = ConversationKind.Direct, string conversation = "D123") =>
        (await _engine.HandleAsync(TurnFor(person, kind, conversation) with { Text = text }, CancellationToken.None)).Single();

    private async Task<Message> PressAsync(Person person, MessageAction button, Dictionary<string, string> inputs) =>
        (await _engine.HandleAsync(TurnFor(person) with { Action = new CardAction(button.Id, button.Data, inputs), SourceMessageId = "m1" }, CancellationToken.None)).Single();

    private Kpi Kpi(string key) => _sample.Manufacturing.Kpis.Concat(_sample.Logistics.Kpis).First(k => k.Key == key);

    private Objective Objective(string key) => _sample.Manufacturing.Objectives.Concat(_sample.Logistics.Objectives).First(o => o.Key == key);

    [Fact]
    public async Task Kpi_add_with_every_piece_asks_the_store_for_that_kpi_with_the_target_for_this_fiscal_year()
    {
        var answer = await SayAsync(_sample.Ana, "kpi add \"Changeover time\" objective reliable-plants unit minutes direction down target 45 owner @Chen indicator leading");

        var (context, edit) = Assert.Single(_edits.Applied);
        var add = Assert.IsType<AddKpiEdit>(edit);
        Assert.Equal(Objective("reliable-plants").Id, add.ObjectiveId);
        Assert.Equal(("Changeover time", "minutes", Direction.LowerIsBetter, IndicatorType.Leading, 45m), (add.Name, add.Unit, add.Direction, add.Indicator, add.Target));
        Assert.Equal(_sample.Chen.Id, add.OwnerId);
        Assert.Equal(Period.FiscalYear(2026), add.TargetPeriod);
        Assert.Equal((_sample.Organization.Id, _sample.Ana.Id, EntrySource.Command), (context.OrganizationId, context.ActorId, context.Via));
        Assert.Equal(EditHandler.DoneKind, answer.Kind);
    }

    [Fact]
    public async Task Kpi_add_with_pieces_missing_answers_with_its_card_holding_what_was_typed_and_the_card_sends_the_change()
    {
        var card = await SayAsync(_sample.Ana, "kpi add \"Changeover time\" objective \"Run reliable plants\" unit minutes");

        Assert.Empty(_edits.Applied);
        Assert.Equal(EditHandler.CardKind, card.Kind);
        var inputs = card.Blocks.OfType<Input>().ToDictionary(i => i.Id);
        Assert.Equal("Changeover time", inputs["name"].Value);
        Assert.Equal("minutes", inputs["unit"].Value);
        Assert.Equal("reliable-plants", Assert.IsType<ChoiceInput>(inputs["objective"]).Value);
        Assert.Equal("Required.", inputs["direction"].Error);
        Assert.NotNull(inputs["target"].Error);
        Assert.NotNull(inputs["owner"].Error);
        Assert.Null(inputs["name"].Error);

        // The card comes back with the missing piece filled in; target and owner may stay empty there.
        var button = card.Buttons().Single();
        Assert.Equal(CardActions.Edit, button.Id);
        var done = await PressAsync(_sample.Ana, button, new() { ["name"] = "Changeover time", ["objective"] = "reliable-plants", ["unit"] = "minutes", ["direction"] = "down", ["target"] = "", ["owner"] = "" });

        var add = Assert.IsType<AddKpiEdit>(Assert.Single(_edits.Applied).Edit);
        Assert.Equal((Direction.LowerIsBetter, (decimal?)null, (Guid?)null), (add.Direction, add.Target, add.OwnerId));
        Assert.Equal(EntrySource.Card, _edits.Applied[0].Context.Via);
        Assert.Equal(EditHandler.DoneKind, done.Kind);
    }

    [Fact]
    public async Task A_piece_that_names_nothing_comes_back_on_the_card_with_the_problem_beside_it_and_nothing_is_changed()
    {
        var card = await SayAsync(_sample.Ana, "kpi add \"Changeover time\" objective \"Make rockets\" unit minutes direction sideways target abc owner @Nobody");

        Assert.Empty(_edits.Applied);
        var inputs = card.Blocks.OfType<Input>().ToDictionary(i => i.Id);
        Assert.StartsWith("There is no objective called \"Make rockets\"", inputs["objective"].Error, StringComparison.Ordinal);
        Assert.Equal("Make rockets", inputs["objective"].Value);
        Assert.Contains("\"sideways\" is not a direction", inputs["direction"].Error, StringComparison.Ordinal);
        Assert.NotNull(inputs["target"].Error);
        Assert.Contains("@Nobody", inputs["owner"].Error, StringComparison.Ordinal);
        Assert.Equal("Changeover time", inputs["name"].Value);
    }

    [Fact]
    public async Task Rename_retire_move_link_and_threshold_each_name_their_kpis_and_objectives_by_id()
    {
        await SayAsync(_sample.Ana, "kpi rename \"Scrap rate\" \"Scrap share\"");
        await SayAsync(_sample.Ana, "kpi rename first pass yield to first time right");
        await SayAsync(_sample.Ana, "kpi retire OEE");
        await SayAsync(_sample.Ana, "kpi move scrap objective reduce-cost-of-quality");
        await SayAsync(_sample.Ana, "link build-quality-in->reduce-cost-of-quality");
        await SayAsync(_sample.Ana, "link \"Develop a skilled workforce\" -> \"Build quality in\"");
        await SayAsync(_sample.Ana, "threshold \"Gross margin\" amber 30% red 28%");

        Assert.Collection(_edits.Applied.Select(a => a.Edit),
            e => Assert.Equal(new RenameKpiEdit(Kpi("scrap-rate").Id, "Scrap share"), e),
            e => Assert.Equal(new RenameKpiEdit(Kpi("first-pass-yield").Id, "first time right"), e),
            e => Assert.Equal(new RetireKpiEdit(Kpi("oee").Id), e),
            e => Assert.Equal(new MoveKpiEdit(Kpi("scrap-rate").Id, Objective("reduce-cost-of-quality").Id), e),
            e => Assert.Equal(new LinkEdit(Objective("build-quality-in").Id, Objective("reduce-cost-of-quality").Id), e),
            e => Assert.Equal(new LinkEdit(Objective("skilled-workforce").Id, Objective("build-quality-in").Id), e),
            e => Assert.Equal(new ThresholdEdit(Kpi("gross-margin").Id, 30m, 28m, Period.Month(2026, 11)), e));
    }

    [Fact]
    public async Task Objective_add_goes_to_the_perspective_named_in_the_scorecard_the_manager_runs()
    {
        await SayAsync(_sample.Ana, "objective add \"Shorten changeovers\" perspective internal process");

        var add = Assert.IsType<AddObjectiveEdit>(Assert.Single(_edits.Applied).Edit);
        Assert.Equal(_sample.Manufacturing.Id, add.ScorecardId);
        Assert.Equal(_sample.Manufacturing.Perspectives.Single(p => p.Name == "Internal Process").Id, add.PerspectiveId);
        Assert.Equal("Shorten changeovers", add.Name);

        var card = await SayAsync(_sample.Ana, "objective add \"Shorten changeovers\" perspective marketing");
        Assert.Contains("has no perspective called \"marketing\"", card.Blocks.OfType<Input>().Single(i => i.Id == "perspective").Error, StringComparison.Ordinal);
        Assert.Single(_edits.Applied);
    }

    [Fact]
    public async Task Channel_here_takes_the_channel_it_is_said_in_and_is_refused_in_a_direct_chat()
    {
        var direct = await SayAsync(_sample.Luis, "channel here");
        Assert.Equal(Replies.RefusedKind, direct.Kind);
        Assert.Empty(_edits.Applied);

        await SayAsync(_sample.Luis, "channel here logistics", ConversationKind.Channel, "C0NEWCHANNEL");

        Assert.Equal(new ChannelEdit(_sample.Logistics.Id, Platform.Slack, "C0NEWCHANNEL", null, null), Assert.Single(_edits.Applied).Edit);
    }

    [Fact]
    public async Task An_owner_or_a_viewer_is_refused_before_any_card_and_nothing_reaches_the_store()
    {
        foreach (var text in new[] { "kpi add \"X\"", "kpi retire OEE", "link a -> b", "undo", "export" })
        {
            var answer = await SayAsync(_sample.Ben, text);
            Assert.Equal(Replies.RefusedKind, answer.Kind);
            Assert.StartsWith("Only a scorecard manager or admin can", answer.Summary, StringComparison.Ordinal);
            var viewer = await SayAsync(_sample.Victor, text);
            Assert.Equal(Replies.RefusedKind, viewer.Kind);
        }

        Assert.Empty(_edits.Applied);
        Assert.Equal(0, _edits.Undos);
        Assert.Equal(0, _edits.Exports);
    }

    [Fact]
    public async Task The_store_s_problems_are_told_as_they_are_and_nothing_was_changed()
    {
        _edits.Next = new EditOutcome(CommandResult.Refused("x"), Problems: ["target FY2026 of kpi 'gross-margin': thresholds should fall as things get worse: red <= amber <= the target 32"]);

        var answer = await SayAsync(_sample.Ana, "threshold \"Gross margin\" amber 28 red 30");

        Assert.Equal(Replies.RefusedKind, answer.Kind);
        Assert.Equal("Nothing was changed: target FY2026 of kpi 'gross-margin': thresholds should fall as things get worse: red <= amber <= the target 32.", answer.Summary);
    }

    [Fact]
    public async Task Export_sends_the_file_only_in_a_direct_chat()
    {
        var inChannel = await SayAsync(_sample.Ana, "export", ConversationKind.Channel, SampleOrganization.LogisticsChannel);
        Assert.Equal(Replies.RefusedKind, inChannel.Kind);
        Assert.Equal(0, _edits.Exports);

        var direct = await SayAsync(_sample.Ana, "export");

        var file = direct.Block<FileAttachment>();
        Assert.Equal(("acme-group.yaml", "text/yaml", RecordingEdits.Yaml), (file.FileName, file.ContentType, file.Content));
    }

    [Fact]
    public async Task The_grammar_says_what_is_wrong_with_a_command_it_cannot_read()
    {
        Assert.StartsWith("I don't know the command \"kpi delete\"", (await SayAsync(_sample.Ana, "kpi delete OEE")).Summary, StringComparison.Ordinal);
        Assert.StartsWith("I don't know the command \"objective remove\"", (await SayAsync(_sample.Ana, "objective remove x")).Summary, StringComparison.Ordinal);
        Assert.StartsWith("Say channel here", (await SayAsync(_sample.Ana, "channel there")).Summary, StringComparison.Ordinal);
        Assert.StartsWith("undo takes nothing", (await SayAsync(_sample.Ana, "undo twice")).Summary, StringComparison.Ordinal);
        Assert.Empty(_edits.Applied);

        // A link without its arrow asks for the effect on the link card.
        var card = await SayAsync(_sample.Ana, "link build-quality-in");
        Assert.Equal(EditHandler.CardKind, card.Kind);
        Assert.Equal("Required.", card.Blocks.OfType<Input>().Single(i => i.Id == "effect").Error);
    }

    [Fact]
    public async Task Undo_asks_the_store_for_the_person_s_last_change_within_ten_minutes()
    {
        _edits.UndoOutcome = new EditOutcome(CommandResult.Refused("Your last change was 12 minutes ago."));

        var answer = await SayAsync(_sample.Ana, "undo");

        Assert.Equal(1, _edits.Undos);
        Assert.Equal(TimeSpan.FromMinutes(10), _edits.UndoWindow);
        Assert.Equal("Your last change was 12 minutes ago.", answer.Summary);
    }

    private sealed class RecordingEdits : IScorecardEdits
    {
        public const string Yaml = "version: 1\norganization:\n  name: Acme Group\n";

        public List<(ChangeContext Context, ScorecardEdit Edit)> Applied { get; } = [];

        public EditOutcome Next { get; set; } = new(CommandResult.Done, "Done.");

        public EditOutcome UndoOutcome { get; set; } = new(CommandResult.Done, "Undone.");

        public int Undos { get; private set; }

        public TimeSpan UndoWindow { get; private set; }

        public int Exports { get; private set; }

        public Task<EditOutcome> ApplyAsync(ChangeContext context, ScorecardEdit edit, CancellationToken cancellationToken)
        {
            Applied.Add((context, edit));
            return Task.FromResult(Next);
        }

        public Task<EditOutcome> UndoAsync(ChangeContext context, TimeSpan window, CancellationToken cancellationToken)
        {
            Undos++;
            UndoWindow = window;
            return Task.FromResult(UndoOutcome);
        }

        public Task<string?> ExportAsync(ChangeContext context, CancellationToken cancellationToken)
        {
            Exports++;
            return Task.FromResult<string?>(Yaml);
        }
    }
}

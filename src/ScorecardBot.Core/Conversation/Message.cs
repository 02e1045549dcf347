using System.Text.Json.Serialization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// The neutral reply: what the bot shows, independent of Teams, Slack or the local chat. Each
/// channel has a renderer that is a pure function of this model (Adaptive Cards, Block Kit, HTML).
/// </summary>
public sealed record Message
{
    public Message(IReadOnlyList<Block> blocks, string summary)
    {
        Blocks = blocks;
        Summary = summary;
    }

    public IReadOnlyList<Block> Blocks { get; init; }

    /// <summary>Plain text for notifications, screen readers and clients that show no cards.</summary>
    public string Summary { get; init; }

    /// <summary>When the turn was a card action: replace the card it came from instead of posting anew.</summary>
    public bool ReplacesSource { get; init; }

    /// <summary>Identifies the card kind for tests, updates and the outbox ("prompt", "recorded", "digest").</summary>
    public string? Kind { get; init; }

    public static Message Text(string text, string? kind = null) =>
        new([new Paragraph([new Run(text)])], text) { Kind = kind };
}

/// <summary>Who should see a reply.</summary>
public enum Audience
{
    /// <summary>The conversation the turn came from.</summary>
    Conversation = 0,
    /// <summary>Only the person who acted (Slack ephemeral; Teams/local: the same conversation).</summary>
    OnlyActor = 1,
}

/// <summary>A reply to a turn.</summary>
public sealed record Reply(Message Message, Audience Audience = Audience.Conversation);

/// <summary>What the engine answers to one turn.</summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies)
{
    public static TurnResult Of(params Message[] messages) => new([.. messages.Select(m => new Reply(m))]);
}

// The discriminators are the stored form of outbox payloads: never rename one.
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Heading), "heading")]
[JsonDerivedType(typeof(Paragraph), "paragraph")]
[JsonDerivedType(typeof(Note), "note")]
[JsonDerivedType(typeof(Divider), "divider")]
[JsonDerivedType(typeof(FactList), "facts")]
[JsonDerivedType(typeof(KpiTable), "kpiTable")]
[JsonDerivedType(typeof(Image), "image")]
[JsonDerivedType(typeof(NumberInput), "numberInput")]
[JsonDerivedType(typeof(TextInput), "textInput")]
[JsonDerivedType(typeof(ChoiceInput), "choiceInput")]
[JsonDerivedType(typeof(ActionBar), "actions")]
[JsonDerivedType(typeof(FileAttachment), "file")]
public abstract record Block;

public enum TextTone
{
    Default = 0,
    Subtle = 1,
    Good = 2,
    Warning = 3,
    Attention = 4,
}

/// <summary>A large title at the top of a card.</summary>
public sealed record Heading(string Text) : Block;

/// <summary>A paragraph of inline runs: plain or bold text, links and mentions.</summary>
public sealed record Paragraph(IReadOnlyList<Inline> Inlines, TextTone Tone = TextTone.Default) : Block
{
    public static Paragraph Of(string text, TextTone tone = TextTone.Default) => new([new Run(text)], tone);
}

/// <summary>Small print under a section ("Owner: Ana · updated 3 Oct").</summary>
public sealed record Note(string Text) : Block;

public sealed record Divider : Block;

/// <summary>Label/value pairs.</summary>
public sealed record FactList(IReadOnlyList<Fact> Facts) : Block;

public sealed record Fact(string Label, string Value);

/// <summary>KPI rows with their status colour and trend arrow.</summary>
public sealed record KpiTable(IReadOnlyList<KpiRow> Rows, string? Title = null) : Block;

public sealed record KpiRow(
    Guid KpiId,
    string Name,
    string Value,
    string? Target,
    Status Status,
    TrendDirection Trend,
    string? Owner = null,
    string? Note = null);

/// <summary>A picture, by URL (charts served by the bot) and/or by bytes (for uploads).</summary>
public sealed record Image(string AltText, string? Url = null, byte[]? Png = null) : Block;

/// <summary>An input field of a card or modal; <see cref="Error"/> shows a validation message beside it.</summary>
public abstract record Input(string Id, string Label) : Block
{
    public bool IsRequired { get; init; }
    public string? Error { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }

    /// <summary>
    /// The action sent with all inputs as soon as this value changes, where a channel can (Slack
    /// modals: dispatch_action); elsewhere a button with the same action id does it.
    /// </summary>
    public string? OnChange { get; init; }
}

/// <summary>A number field; typed text is kept as text so "1.2k" or "95 %" can be parsed by the core.</summary>
public sealed record NumberInput(string Id, string Label) : Input(Id, Label);

public sealed record TextInput(string Id, string Label) : Input(Id, Label)
{
    public bool Multiline { get; init; }
    public int? MaxLength { get; init; }
}

public sealed record ChoiceInput(string Id, string Label, IReadOnlyList<Choice> Choices) : Input(Id, Label);

public sealed record Choice(string Title, string Value);

public enum ActionStyle
{
    Default = 0,
    Primary = 1,
    Danger = 2,
}

/// <summary>
/// A button. Pressing it sends a <see cref="CardAction"/> with <see cref="Id"/>, <see cref="Data"/>
/// and, when <see cref="SubmitsInputs"/> is set, the values of the message's inputs.
/// With <see cref="Url"/> set it only opens the link.
/// </summary>
public sealed record MessageAction(string Id, string Title)
{
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
    public ActionStyle Style { get; init; }
    public bool SubmitsInputs { get; init; }
    public string? Url { get; init; }

    /// <summary>
    /// The ids of the inputs this button is about, when the message has inputs for several buttons
    /// (a meeting card's decision and its action); null: all of them. A channel that asks for the
    /// inputs in a form of their own (Slack's modal) shows only these.
    /// </summary>
    public IReadOnlyList<string>? Inputs { get; init; }
}

public sealed record ActionBar(IReadOnlyList<MessageAction> Actions) : Block;

/// <summary>
/// A file sent with the message (the exported scorecard file): Slack uploads it beside the message,
/// Teams asks the person's consent with a file consent card and uploads it to their OneDrive, the
/// local chat offers it for download.
/// </summary>
public sealed record FileAttachment(string FileName, string ContentType, string Content) : Block
{
    public const string YamlContentType = "text/yaml";

    /// <summary>The kind of the message that carries the scorecard file (<c>export</c>); a channel that makes the file again later asks for this kind.</summary>
    public const string ScorecardExportKind = "export";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Run), "run")]
[JsonDerivedType(typeof(Link), "link")]
[JsonDerivedType(typeof(Mention), "mention")]
public abstract record Inline;

public sealed record Run(string Text, bool Bold = false, bool Italic = false) : Inline;

public sealed record Link(string Text, string Url) : Inline;

/// <summary>An @mention of a person; each channel renders it with the person's account there.</summary>
public sealed record Mention(Guid PersonId, string Name, string? TeamsUserId = null, string? SlackUserId = null) : Inline;

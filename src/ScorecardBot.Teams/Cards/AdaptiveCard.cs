using System.Text.Json.Serialization;

namespace ScorecardBot.Teams.Cards;

// The subset of Adaptive Cards 1.5 that the renderer produces. Property names follow the schema;
// the "type" discriminator is written first, nulls are omitted (see TeamsJsonContext).

internal sealed class AdaptiveCard
{
    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Version { get; init; } = "1.5";

    public List<CardElement> Body { get; init; } = [];

    public List<AdaptiveAction>? Actions { get; set; }

    /// <summary>Shown by clients that cannot render the card.</summary>
    public string? FallbackText { get; init; }

    [JsonPropertyName("msteams")]
    public TeamsCardProperties? Teams { get; set; }
}

internal sealed class TeamsCardProperties
{
    public string? Width { get; init; }

    public List<CardMention>? Entities { get; set; }
}

internal sealed class CardMention
{
    public string Type => "mention";

    public required string Text { get; init; }

    public required MentionedAccountJson Mentioned { get; init; }
}

internal sealed class MentionedAccountJson
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(CardImage), "Image")]
[JsonDerivedType(typeof(TextInputElement), "Input.Text")]
[JsonDerivedType(typeof(NumberInputElement), "Input.Number")]
[JsonDerivedType(typeof(ChoiceSetInputElement), "Input.ChoiceSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
internal abstract class CardElement
{
    public string? Id { get; init; }

    /// <summary>"none", "small", "default", "medium", "large".</summary>
    public string? Spacing { get; set; }

    public bool? Separator { get; set; }
}

internal sealed class TextBlock : CardElement
{
    public required string Text { get; init; }

    /// <summary>Null in table cells: short values need no wrapping, and every byte counts toward the size limit.</summary>
    public bool? Wrap { get; init; } = true;

    /// <summary>"heading" marks the card's title for screen readers (1.5).</summary>
    public string? Style { get; init; }

    public string? Size { get; init; }

    public string? Weight { get; init; }

    public string? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public int? MaxLines { get; init; }

    public string? HorizontalAlignment { get; init; }
}

internal sealed class FactSet : CardElement
{
    public required List<CardFact> Facts { get; init; }
}

internal sealed class CardFact
{
    public required string Title { get; init; }

    public required string Value { get; init; }
}

internal sealed class ColumnSet : CardElement
{
    public required List<Column> Columns { get; init; }
}

internal sealed class Column
{
    public string Type => "Column";

    /// <summary>"auto", "stretch" or a weight such as "3".</summary>
    public string? Width { get; init; }

    public string? VerticalContentAlignment { get; init; }

    public required List<CardElement> Items { get; init; }
}

internal sealed class Container : CardElement
{
    public string? Style { get; init; }

    public required List<CardElement> Items { get; init; }
}

internal sealed class CardImage : CardElement
{
    public required string Url { get; init; }

    public string? AltText { get; init; }

    public string? Size { get; init; }
}

internal abstract class InputElement : CardElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

internal sealed class TextInputElement : InputElement
{
    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Hint for the on-screen keyboard; Teams ignores what it does not know.</summary>
    public string? InputMode { get; init; }
}

internal sealed class NumberInputElement : InputElement
{
    public string? Placeholder { get; init; }

    public double? Value { get; init; }
}

internal sealed class ChoiceSetInputElement : InputElement
{
    public required List<CardChoice> Choices { get; init; }

    public string? Style { get; init; }

    public string? Value { get; init; }

    public string? Placeholder { get; init; }
}

internal sealed class CardChoice
{
    public required string Title { get; init; }

    public required string Value { get; init; }
}

internal sealed class ActionSet : CardElement
{
    public required List<AdaptiveAction> Actions { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
internal abstract class AdaptiveAction
{
    public required string Title { get; init; }

    public string? Id { get; init; }

    /// <summary>"positive" or "destructive".</summary>
    public string? Style { get; init; }
}

/// <summary>
/// What a button sends back. Inputs are merged into this object by the client, so the action's
/// own id and data live under reserved keys that no input id uses.
/// </summary>
internal sealed class CardActionData
{
    public const string ActionKey = "_action";
    public const string DataKey = "_data";

    [JsonPropertyName(ActionKey)]
    public required string Action { get; init; }

    [JsonPropertyName(DataKey)]
    public Dictionary<string, string>? Data { get; init; }
}

internal sealed class ExecuteAction : AdaptiveAction
{
    public required string Verb { get; init; }

    public CardActionData? Data { get; init; }

    /// <summary>"auto" sends the card's inputs (validated), "none" sends none.</summary>
    public string? AssociatedInputs { get; init; }

    /// <summary>Clients older than 1.4 fall back to a plain submit with the same data.</summary>
    public string Fallback => "Action.Submit";
}

internal sealed class SubmitAction : AdaptiveAction
{
    public CardActionData? Data { get; init; }

    public string? AssociatedInputs { get; init; }
}

internal sealed class OpenUrlAction : AdaptiveAction
{
    public required string Url { get; init; }
}

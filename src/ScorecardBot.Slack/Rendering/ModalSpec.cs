using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Slack.Rendering;

/// <summary>
/// What a Slack message carries in its "open the form" button so the modal can be opened at once
/// when pressed (the trigger_id lives 3 s): the submitting action, its data and the inputs.
/// </summary>
internal sealed record ModalSpec(
    [property: JsonPropertyName("a")] string ActionId,
    [property: JsonPropertyName("s")] string SubmitTitle,
    [property: JsonPropertyName("h")] string? Heading,
    [property: JsonPropertyName("d")] Dictionary<string, string> Data,
    [property: JsonPropertyName("i")] List<ModalInput> Inputs,
    [property: JsonPropertyName("w")] string? PreviewActionId = null)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static ModalSpec? TryParse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var spec = JsonSerializer.Deserialize<ModalSpec>(value, Json);
            return spec is { ActionId.Length: > 0, Inputs: not null, Data: not null } ? spec : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ModalSpec From(MessageAction submit, string? heading, IEnumerable<Input> inputs, string? previewActionId = null) =>
        new(submit.Id, submit.Title, heading, new Dictionary<string, string>(submit.Data), [.. inputs.Select(i => ModalInput.From(i, previewActionId))], previewActionId);

    /// <summary>The modal's content as a neutral message: the heading and the inputs.</summary>
    public Message ToMessage()
    {
        var blocks = new List<Block>();
        if (Heading is not null)
        {
            blocks.Add(new Heading(Heading));
        }

        blocks.AddRange(Inputs.Select(i => i.ToInput(PreviewActionId)));
        return new Message(blocks, Heading ?? SubmitTitle);
    }
}

internal sealed record ModalInput(
    [property: JsonPropertyName("k")] char Kind,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("l")] string Label,
    [property: JsonPropertyName("r")] bool Required = false,
    [property: JsonPropertyName("p")] string? Placeholder = null,
    [property: JsonPropertyName("v")] string? Value = null,
    [property: JsonPropertyName("m")] bool Multiline = false,
    [property: JsonPropertyName("x")] int? MaxLength = null,
    [property: JsonPropertyName("c")] List<string[]>? Choices = null,
    [property: JsonPropertyName("w")] bool Previews = false)
{
    /// <param name="previewActionId">The spec's preview action; an input that sends it is marked, not repeated (button values are short).</param>
    public static ModalInput From(Input input, string? previewActionId = null)
    {
        var previews = input.OnChange is not null && input.OnChange == previewActionId;
        return input switch
        {
            NumberInput n => new('n', n.Id, n.Label, n.IsRequired, n.Placeholder, n.Value, Previews: previews),
            TextInput t => new('t', t.Id, t.Label, t.IsRequired, t.Placeholder, t.Value, t.Multiline, t.MaxLength, Previews: previews),
            ChoiceInput c => new('c', c.Id, c.Label, c.IsRequired, c.Placeholder, c.Value, Choices: [.. c.Choices.Select(x => new[] { x.Title, x.Value })], Previews: previews),
            _ => new('t', input.Id, input.Label, input.IsRequired, input.Placeholder, input.Value, Previews: previews),
        };
    }

    public Input ToInput(string? previewActionId = null)
    {
        var onChange = Previews ? previewActionId : null;
        return Kind switch
        {
            'n' => new NumberInput(Id, Label) { IsRequired = Required, Placeholder = Placeholder, Value = Value, OnChange = onChange },
            'c' => new ChoiceInput(Id, Label, [.. (Choices ?? []).Where(c => c.Length == 2).Select(c => new Choice(c[0], c[1]))])
            { IsRequired = Required, Placeholder = Placeholder, Value = Value, OnChange = onChange },
            _ => new TextInput(Id, Label) { IsRequired = Required, Placeholder = Placeholder, Value = Value, Multiline = Multiline, MaxLength = MaxLength, OnChange = onChange },
        };
    }
}

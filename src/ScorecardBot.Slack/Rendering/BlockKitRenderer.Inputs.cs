using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Slack.Rendering;

/// <summary>Input blocks and the text splitting that keeps sections under Slack's limits.</summary>
public static partial class BlockKitRenderer
{
    /// <param name="dispatches">
    /// In a modal, an input with <see cref="Input.OnChange"/> reports each change (block_actions) so
    /// the modal can be updated with a preview; messages take no such live input.
    /// </param>
    private static JsonObject InputBlock(Input input, bool dispatches = false)
    {
        JsonObject element;
        if (input is ChoiceInput choice && choice.Choices.Count > 0)
        {
            var options = new JsonArray();
            JsonObject? initial = null;
            foreach (var c in choice.Choices.Take(100))
            {
                var option = new JsonObject { ["text"] = PlainText(Truncate(c.Title, 75)), ["value"] = Truncate(c.Value, 150) };
                options.Add(option);
                if (c.Value == input.Value)
                {
                    initial = (JsonObject)option.DeepClone();
                }
            }

            element = new JsonObject { ["type"] = "static_select", ["action_id"] = Truncate(input.Id, IdLimit), ["options"] = options };
            if (initial is not null)
            {
                element["initial_option"] = initial;
            }
        }
        else
        {
            element = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = Truncate(input.Id, IdLimit) };
            if (input is TextInput { Multiline: true })
            {
                element["multiline"] = true;
            }

            if (input is TextInput { MaxLength: > 0 and <= 3000 } t)
            {
                element["max_length"] = t.MaxLength;
            }

            if (input.Value is { Length: > 0 } value)
            {
                element["initial_value"] = Truncate(value, 3000);
            }

            if (dispatches)
            {
                element["dispatch_action_config"] = new JsonObject { ["trigger_actions_on"] = new JsonArray("on_character_entered") };
            }
        }

        if (input.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = PlainText(Truncate(placeholder, 150));
        }

        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = Truncate(input.Id, IdLimit),
            ["label"] = PlainText(Truncate(input.Label, 2000)),
            ["optional"] = !input.IsRequired,
            ["element"] = element,
        };
        if (dispatches)
        {
            block["dispatch_action"] = true;
        }

        return block;
    }

    /// <summary>Splits text into pieces of at most <paramref name="max"/>, preferring line then word breaks.</summary>
    internal static IEnumerable<string> Chunks(string text, int max)
    {
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = rest.LastIndexOf(' ', max - 1);
            }

            if (cut < max / 2)
            {
                cut = max;
            }

            // Never split an escape (&amp;) or a <…> token in two.
            var amp = rest.LastIndexOf('&', cut - 1);
            if (amp >= 0 && amp > cut - 5 && rest.IndexOf(';', amp) >= cut)
            {
                cut = amp;
            }

            var open = rest.LastIndexOf('<', cut - 1);
            if (open > 0 && rest.IndexOf('>', open) >= cut)
            {
                cut = open;
            }

            if (cut <= 0)
            {
                cut = max;
            }

            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart('\n', ' ');
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}

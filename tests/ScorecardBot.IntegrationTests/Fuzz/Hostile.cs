using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ScorecardBot.IntegrationTests.Fuzz;

/// <summary>
/// Hostile values and the mutations that put them into real payloads. Everything is drawn from the
/// <see cref="Random"/> it is given, so one seed and one case number give the same bytes again.
/// </summary>
internal static class Hostile
{
    /// <summary>A string JSON cannot carry as a value (a number beyond any type, a broken escape) is written raw through this marker.</summary>
    private const string RawMarker = "\u0001raw:";

    private static readonly string[] Texts =
    [
        "", " ", "\t\r\n", "null", "undefined", "NaN", "Infinity", "-Infinity", "-0", "0x1F", "1e309", "-1e309", "1e-400",
        "79228162514264337593543950336", "-79228162514264337593543950336", "99999999999999999999999999999999999999.5",
        "1,2,3", "1.2.3", "١٢٣٫٤", "１２３", "½", "12%%", "%", "$", "$-", "€1.234,56", "1.2k", "3.4M", "2h 30m", "n/a", "N/A ", "-", "—", "n\\a",
        "2026-13", "2026-00", "0000-01", "9999-12", "-2026-01", "FY2027-Q5", "FY-1-Q1", "FY99999999-Q1", "2026-W53", "2026", "2026-1", "2026-10-31",
        "'; DROP TABLE Actuals; --", "\" OR 1=1 --", "{0}{1}{99}", "%s%n%x", "${jndi:ldap://x}", "{{7*7}}", "../../../../etc/passwd", "..\\..\\win.ini",
        "<script>alert(1)</script>", "<!channel>", "<!here|here>", "<@U0BOT>", "<#C1|x>", "[click](javascript:alert(1))", "**bold** _x_ `c` ~s~",
        "\u202Eevil\u202C", "\u200B\u200D\uFEFF", "e\u0301\u0301\u0301", "🎯📈🚨", "𝟙𝟚𝟛", "\u0000", "\u0007\u001B[31m", "\u2028\u2029", "\uFFFD\uFFFF",
        "a\u0000b", "\\", "\\\\\"", "\"", "{\"a\":", "[1,", "}", "javascript:alert(1)", "https://evil.example/x", "http://127.0.0.1:1/x", "file:///etc/passwd",
        "ＳＥＬＥＣＴ", "İıǅß", "\u0130stanbul", "🏳️‍🌈", "\uD83D\uDE00",
        "scorecard.actual.submit", "scorecard.away.set", "help", "status", "my", "assign", "target", "apikey create x scope write", "remind", "ooo",
    ];

    /// <summary>Raw JSON texts that are valid JSON values but extreme, or numbers no .NET type holds.</summary>
    private static readonly string[] RawValues =
    [
        "1e400", "-1e400", "123456789012345678901234567890123456789012345678901234567890", "0.0000000000000000000000000000000000000001",
        "-0", "1E+2147483648", "9223372036854775808", "-9223372036854775809", "4294967296", "2147483648", "1.7976931348623157e308",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\uFFFF\"", "[]", "{}", "[[]]", "[null]", "{\"\":null}", "true", "false", "null", "0", "-1",
    ];

    public static string Text(Random random)
    {
        return random.Next(12) switch
        {
            0 => new string((char)('a' + random.Next(26)), random.Next(1_000, 70_000)),
            1 => string.Concat(Enumerable.Range(0, random.Next(1, 300)).Select(_ => (char)random.Next(0, 0x3000))),
            2 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => Texts[random.Next(Texts.Length)])),
            3 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
            4 => (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("R", CultureInfo.InvariantCulture),
            _ => Texts[random.Next(Texts.Length)],
        };
    }

    /// <summary>A value of any JSON type (or a raw extreme one), to put where a field was.</summary>
    public static JsonNode? Value(Random random, int depth = 0)
    {
        return random.Next(14) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
            3 => JsonValue.Create(random.NextDouble() * double.MaxValue * (random.Next(2) == 0 ? 1 : -1)),
            4 => JsonValue.Create(RawMarker + RawValues[random.Next(RawValues.Length)]),
            5 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => depth < 3 ? Value(random, depth + 1) : null)]),
            6 => depth < 3 ? new JsonObject(Enumerable.Range(0, random.Next(0, 4)).Select(i => KeyValuePair.Create(Key(random, i), Value(random, depth + 1)))) : new JsonObject(),
            7 => Nested(random.Next(2, 80), random.Next(2) == 0),
            _ => JsonValue.Create(Text(random)),
        };
    }

    private static string Key(Random random, int i) => random.Next(3) switch
    {
        0 => "x" + i,
        1 => Texts[random.Next(Texts.Length)] + i,
        _ => new string('k', random.Next(1, 300)) + i,
    };

    private static JsonNode Nested(int depth, bool arrays)
    {
        JsonNode node = JsonValue.Create(depth);
        for (var i = 0; i < depth; i++)
        {
            node = arrays ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    /// <summary>
    /// One to four structural changes to a JSON document: a field of the wrong type or an extreme
    /// value, a field removed or null, an unknown field, an array emptied or grown, an object
    /// replaced by an array; the fields are chosen anywhere in the tree.
    /// </summary>
    public static void MutateTree(Random random, JsonNode root, IReadOnlyList<string>? keys = null)
    {
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var node = nodes[random.Next(nodes.Count)];
            switch (random.Next(9))
            {
                case 0 when node.Parent is JsonObject parent:
                    parent.Remove(node.GetPropertyName());
                    break;
                case 1 when node is JsonObject obj:
                    obj[keys is { Count: > 0 } && random.Next(2) == 0 ? keys[random.Next(keys.Count)] : Key(random, nodes.Count)] = Value(random);
                    break;
                case 2 when node is JsonArray array:
                    if (random.Next(2) == 0)
                    {
                        array.Clear();
                    }
                    else
                    {
                        for (var i = random.Next(1, 200); i > 0; i--)
                        {
                            array.Add(array.Count > 0 && random.Next(2) == 0 ? array[random.Next(array.Count)]?.DeepClone() : Value(random));
                        }
                    }

                    break;
                default:
                    Replace(node, Value(random));
                    break;
            }
        }
    }

    private static void Replace(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = value;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = value;
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => [.. obj.Select(p => p.Value)],
            JsonArray array => [.. array],
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                Collect(child, into);
            }
        }
    }

    /// <summary>The JSON text of a tree, with the raw values written as they are (not as strings).</summary>
    public static string Write(JsonNode? node)
    {
        var json = node?.ToJsonString(Json) ?? "null";
        if (!json.Contains("\\u0001raw:", StringComparison.Ordinal))
        {
            return json;
        }

        var builder = new StringBuilder(json.Length);
        var at = 0;
        while (true)
        {
            var start = json.IndexOf("\"\\u0001raw:", at, StringComparison.Ordinal);
            if (start < 0)
            {
                builder.Append(json, at, json.Length - at);
                return builder.ToString();
            }

            var end = json.IndexOf('"', start + 11);
            while (json[end - 1] == '\\')
            {
                end = json.IndexOf('"', end + 1);
            }

            builder.Append(json, at, start - at);
            var raw = json[(start + 11)..end];
            builder.Append(System.Text.RegularExpressions.Regex.Unescape(raw));
            at = end + 1;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 4096 };

    /// <summary>
    /// A change to the bytes themselves: cut short, bytes flipped, invalid UTF-8, a BOM, junk after
    /// the end, a key repeated, an opening bracket ten thousand deep, a number too long to read.
    /// </summary>
    public static byte[] MutateBytes(Random random, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(10))
        {
            case 0:
                return bytes[..random.Next(bytes.Length + 1)];
            case 1:
                for (var k = random.Next(1, 9); k > 0 && bytes.Length > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 2:
                return [.. bytes[..(bytes.Length / 2)], 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFE, .. bytes[(bytes.Length / 2)..]];
            case 3:
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case 4:
                return [.. bytes, .. Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "}}]]garbage" : "\0\0\0")];
            case 5:
                return Encoding.UTF8.GetBytes(text.Insert(Math.Max(1, text.IndexOf('{', StringComparison.Ordinal) + 1), "\"type\":\"message\",\"type\":[],"));
            case 6:
                var depth = random.Next(65, 10_000);
                return Encoding.UTF8.GetBytes(new string('[', depth) + text + new string(']', random.Next(2) == 0 ? depth : 0));
            case 7:
                return Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(text, "(?<=:)-?[0-9]+(\\.[0-9]+)?", _ => new string('9', random.Next(20, 5000))));
            case 8:
                return Encoding.Unicode.GetBytes(text);
            default:
                var junk = new byte[random.Next(0, 4096)];
                random.NextBytes(junk);
                return junk;
        }
    }

    /// <summary>
    /// An application/x-www-form-urlencoded body of the fields, oddly encoded: broken and overlong
    /// percent escapes, bytes that are not UTF-8, keys twice or without a value, plus for spaces, a
    /// BOM, separators in a row.
    /// </summary>
    public static byte[] Form(Random random, IReadOnlyList<(string Key, string Value)> fields, bool odd)
    {
        var parts = fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)).ToList();
        if (!odd)
        {
            return Encoding.UTF8.GetBytes(string.Join('&', parts));
        }

        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var i = random.Next(parts.Count);
            switch (random.Next(10))
            {
                case 0:
                    parts[i] = parts[i].Replace("%", random.Next(2) == 0 ? "%Z" : "%%", StringComparison.Ordinal);
                    break;
                case 1:
                    parts[i] += "%C0%AF%ED%A0%80%FF%00";
                    break;
                case 2:
                    parts.Add(parts[i]);
                    break;
                case 3:
                    parts[i] = parts[i].Split('=')[0];
                    break;
                case 4:
                    parts[i] = "=" + parts[i];
                    break;
                case 5:
                    parts.Insert(i, string.Concat(Enumerable.Repeat("&", random.Next(1, 50))));
                    break;
                case 6:
                    parts[i] = parts[i].Replace("%20", "+", StringComparison.Ordinal) + "+%2B+";
                    break;
                case 7:
                    parts[i] = parts[i].Split('=')[0] + "=" + Uri.EscapeDataString(Text(random));
                    break;
                case 8:
                    parts[i] += "%";
                    break;
                default:
                    parts.RemoveAt(i);
                    if (parts.Count == 0)
                    {
                        parts.Add("");
                    }

                    break;
            }
        }

        var body = Encoding.UTF8.GetBytes(string.Join('&', parts));
        return random.Next(8) switch
        {
            0 => [0xEF, 0xBB, 0xBF, .. body],
            1 => [.. body, 0xFF, 0xFE, 0x80],
            _ => body,
        };
    }
}

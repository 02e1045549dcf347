using System.Text.Json;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Activities;

namespace ScorecardBot.Teams.Tests;

/// <summary>
/// Activities captured from Teams, the Playground and the official SDK tests parse and translate
/// (Fixtures/README.md says where each one comes from).
/// </summary>
public sealed class RecordedFixtureTests
{
    private static JsonElement Fixture(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        Assert.True(File.Exists(path), $"fixture {path} is missing");
        var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        return root.TryGetProperty("body", out var body) ? body : root;
    }

    private static Activity Parse(string name) =>
        JsonSerializer.Deserialize(Fixture(name).GetRawText(), TeamsJson.Context.Activity)!;

    [Fact]
    public void Channel_mention_from_teams_loses_the_bot_mention()
    {
        var activity = Parse("botbuilder-js-channel-mention.json");

        Assert.Equal("file", ActivityTranslator.CleanText(activity, out var mentions));
        Assert.Empty(mentions);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.TenantId);
        Assert.Equal(ConversationKind.Channel, ActivityTranslator.KindOf(activity.Conversation));
        Assert.Equal("19:097e6717fd7245bdbeba6baa13840db8@thread.skype", activity.ChannelData!.Team!.Id);
        Assert.Equal("6d415fdd-f97e-4f70-ac45-e69601e4ecb2", activity.From!.AadObjectId);
    }

    [Fact]
    public void Playground_action_submit_becomes_a_card_action_with_its_inputs()
    {
        var activity = Parse("playground-action-submit-message-with-value.json");

        var action = ActivityTranslator.SubmitAction(activity.Value!.Value);

        Assert.Equal("submit", action.ActionId);
        Assert.Equal("yes", action.Get("choice"));
        Assert.Equal("42", action.Get("requestId"));
        Assert.Equal("1795390707610", activity.ReplyToId);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", activity.TenantId);
    }

    [Fact]
    public void Playground_action_execute_becomes_a_card_action_named_by_its_verb()
    {
        var activity = Parse("playground-invoke-adaptiveCard-action.json");

        var action = ActivityTranslator.ExecuteAction(activity.Value);

        Assert.Equal("adaptiveCard/action", activity.Name);
        Assert.Equal("approve", action.ActionId);
        Assert.Equal("ok", action.Get("comment"));
        Assert.Equal(ConversationKind.Direct, ActivityTranslator.KindOf(activity.Conversation));
    }

    [Theory]
    [InlineData("connector-CreateDirectConversationAsyncWithValidData.json")]
    [InlineData("connector-ReplyToActivity.json")]
    [InlineData("connector-SendToConversation.json")]
    [InlineData("connector-UpdateActivity.json")]
    public void Recorded_connector_responses_parse_into_our_response_models(string name)
    {
        foreach (var entry in Fixture(name).GetProperty("Entries").EnumerateArray())
        {
            var body = entry.GetProperty("ResponseBody").GetString()!;
            var uri = entry.GetProperty("RequestUri").GetString()!;
            var id = uri == "/v3/conversations"
                ? JsonSerializer.Deserialize(body, TeamsJson.Context.ConversationResourceResponse)!.Id
                : JsonSerializer.Deserialize(body, TeamsJson.Context.ResourceResponse)!.Id;
            Assert.False(string.IsNullOrEmpty(id));

            var request = JsonSerializer.Deserialize(entry.GetProperty("RequestBody").GetString()!, TeamsJson.Context.Activity);
            Assert.NotNull(request);
        }
    }

    [Fact]
    public void The_documented_file_consent_answers_parse_into_what_the_bot_reads()
    {
        var accept = Parse("learn-fileConsent-invoke-accept.json");
        var accepted = accept.Value!.Value.Deserialize(TeamsJson.Context.FileConsentValueJson)!;
        Assert.Equal((ActivityTypes.FileConsent, "fileUpload", "accept"), (accept.Name, accepted.Type, accepted.Action));
        Assert.Equal(
            ("file_example.txt", "https://upload.link", "1150D938-8870-4044-9F2C-5BBDEBA70C8C", "txt"),
            (accepted.UploadInfo!.Name, accepted.UploadInfo.UploadUrl, accepted.UploadInfo.UniqueId, accepted.UploadInfo.FileType));
        Assert.StartsWith("https://contoso.sharepoint.com/", accepted.UploadInfo.ContentUrl, StringComparison.Ordinal);

        var declined = Parse("learn-fileConsent-invoke-decline.json").Value!.Value.Deserialize(TeamsJson.Context.FileConsentValueJson)!;
        Assert.Equal("decline", declined.Action);
        Assert.Null(declined.UploadInfo);
    }

    [Fact]
    public void The_exported_file_goes_out_as_the_documented_file_consent_card_without_the_file()
    {
        const string Yaml = "version: 1\norganization:\n  name: Acme\n";
        var message = new Message([Paragraph.Of("The scorecard file of Acme."), new FileAttachment("acme.yaml", FileAttachment.YamlContentType, Yaml)], "The scorecard file of Acme.")
        {
            Kind = FileAttachment.ScorecardExportKind,
        };

        var sent = JsonDocument.Parse(JsonSerializer.Serialize(ScorecardBot.Teams.Connector.OutgoingActivities.From(message), TeamsJson.Context.OutgoingActivity)).RootElement;
        var card = sent.GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("contentType").GetString() == FileConsentCardJson.ContentType);
        var documented = Fixture("learn-file-consent-card.json").GetProperty("attachments")[0];

        Assert.Equal(Names(documented), Names(card));
        Assert.Equal(Names(documented.GetProperty("content")), Names(card.GetProperty("content")));
        Assert.Equal("acme.yaml", card.GetProperty("name").GetString());
        Assert.Equal(Yaml.Length, card.GetProperty("content").GetProperty("sizeInBytes").GetInt64());
        Assert.Equal("export", card.GetProperty("content").GetProperty("acceptContext").GetProperty("kind").GetString());
        Assert.DoesNotContain("organization:", sent.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_uploaded_file_is_shown_with_the_documented_file_info_card()
    {
        var upload = Parse("learn-fileConsent-invoke-accept.json").Value!.Value.Deserialize(TeamsJson.Context.FileConsentValueJson)!.UploadInfo!;

        var sent = JsonDocument.Parse(JsonSerializer.Serialize(ScorecardBot.Teams.Connector.OutgoingActivities.FileUploaded("Sent.", upload), TeamsJson.Context.OutgoingActivity)).RootElement;
        var card = sent.GetProperty("attachments")[0];
        var documented = Fixture("learn-file-info-card.json").GetProperty("attachments")[0];

        Assert.Equal(Names(documented), Names(card));
        Assert.Equal(Names(documented.GetProperty("content")), Names(card.GetProperty("content")));
        foreach (var property in new[] { "contentType", "contentUrl", "name" })
        {
            Assert.Equal(documented.GetProperty(property).GetString(), card.GetProperty(property).GetString());
        }

        Assert.Equal(documented.GetProperty("content").GetProperty("uniqueId").GetString(), card.GetProperty("content").GetProperty("uniqueId").GetString());
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}

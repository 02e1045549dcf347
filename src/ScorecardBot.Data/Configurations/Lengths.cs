namespace ScorecardBot.Data.Configurations;

/// <summary>Column lengths shared by the configurations, so that equal things get equal columns.</summary>
internal static class Lengths
{
    public const int Key = 100;
    public const int Name = 200;
    public const int Email = 320;
    public const int ExternalId = 128;
    public const int ConversationId = 256;
    public const int Url = 512;
    public const int TimeZone = 64;
    public const int Locale = 20;
    public const int Currency = 3;
    public const int Unit = 32;
    public const int ShortText = 1000;
    public const int Text = 4000;
    public const int AuditSubject = 40;
    public const int AuditChange = 20;
}

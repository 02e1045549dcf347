using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Onboarding;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Onboarding;

/// <summary>
/// Answers people the bot does not know. In a tenant or workspace no organization claims: the set-up
/// card (Onboarding:Mode open or invite), which creates the organization with the person as its admin;
/// or, closed, the answer that an operator has to connect it. In a claimed one: "not set up for you",
/// and one card per person to the organization's admins (an outbox row keyed by the person, so writing
/// again sends nothing more). The tenant is always the verified request's, never the card's.
/// </summary>
internal sealed partial class OrganizationSetup(
    IServiceScopeFactory scopes,
    IOptions<OnboardingOptions> options,
    IScorecardReadModel readModel,
    OutboxWriter outbox,
    TimeProvider time,
    ILogger<OrganizationSetup> logger) : IOnboarding
{
    private const int MaxNameLength = 200;

    // One set-up at a time per tenant on this instance; across instances the unique index decides.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<bool> NeedsProfileAsync(Platform platform, string tenantId, bool acting, CancellationToken cancellationToken)
    {
        if (acting)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await ClaimingAsync(db, new Newcomer(platform, tenantId, string.Empty, null, null, null, null), cancellationToken) is not null;
    }

    public async Task<TurnResult> GreetAsync(Newcomer newcomer, ConversationKind where, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await ClaimingAsync(db, newcomer, cancellationToken);
        if (organization is not null)
        {
            return await NotYouAsync(db, organization, newcomer, cancellationToken);
        }

        var mode = options.Value.Mode;
        return mode == OnboardingMode.Closed
            ? Only(Message.Text(OnboardingCards.NotSetUp(newcomer.Platform), OnboardingCards.NotSetUpKind))
            : Only(OnboardingCards.SetUp(mode, newcomer.Platform, SuggestedName(newcomer)));
    }

    public async Task<TurnResult> ActAsync(Newcomer newcomer, ConversationKind where, CardAction action, CancellationToken cancellationToken)
    {
        if (action.ActionId != OnboardingActions.SetUp)
        {
            return await GreetAsync(newcomer, where, cancellationToken);
        }

        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(newcomer.TenantId) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await SetUpAsync(newcomer, action, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TurnResult> SetUpAsync(Newcomer newcomer, CardAction action, CancellationToken cancellationToken)
    {
        var mode = options.Value.Mode;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await ClaimingAsync(db, newcomer, cancellationToken) is { } claimed)
        {
            return await AlreadySetUpAsync(db, claimed, newcomer, cancellationToken);
        }

        if (mode == OnboardingMode.Closed)
        {
            return Only(Message.Text(OnboardingCards.NotSetUp(newcomer.Platform), OnboardingCards.NotSetUpKind));
        }

        var name = action.Get(OnboardingActions.Name)?.Trim() ?? string.Empty;
        var start = action.Get(OnboardingActions.Start)?.Trim().ToLowerInvariant() ?? string.Empty;
        var code = action.Get(OnboardingActions.Code)?.Trim();
        Message Again(string problem) => OnboardingCards.SetUp(mode, newcomer.Platform, name.Length > 0 ? name : SuggestedName(newcomer), problem, code, start.Length > 0 ? start : null);
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return Only(Again(name.Length == 0 ? "Give the organization a name." : $"An organization's name can be at most {MaxNameLength} characters; this one has {name.Length}."));
        }

        if (!OnboardingActions.Starts.Contains(start))
        {
            return Only(Again("Choose how to start: a template, a sample, your file, or empty."));
        }

        var email = newcomer.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return Only(Again($"I couldn't read your e-mail address from your {newcomer.Platform} profile, and people are known by e-mail. Ask your {newcomer.Platform} admin to make it visible, then try again."));
        }

        if (mode == OnboardingMode.Invite && string.IsNullOrEmpty(code))
        {
            return Only(Again("Enter the setup code your operator gave you."));
        }

        var now = time.GetUtcNow();
        var organization = new Organization
        {
            Name = name,
            TimeZoneId = ZoneOrUtc(newcomer.TimeZone),
            Locale = LocaleOrDefault(newcomer.Locale),
            TeamsTenantId = newcomer.Platform == Platform.Teams ? newcomer.TenantId : null,
            SlackTeamId = newcomer.Platform == Platform.Slack ? newcomer.TenantId : null,
            CreatedAt = now,
        };
        var admin = new Person { OrganizationId = organization.Id, Name = newcomer.Name is { Length: > 0 } n ? n : email, Email = email, Role = Role.Admin };
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (mode == OnboardingMode.Invite && !await SetupCodes.TryTakeAsync(db, code!, $"{newcomer.Platform.ToString().ToLowerInvariant()}:{newcomer.TenantId}", now, ct))
            {
                return SetUpOutcome.BadCode;
            }

            db.Organizations.Add(organization);
            db.People.Add(admin);
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = admin.Id, Platform = newcomer.Platform, ExternalId = newcomer.UserId, ChannelUserId = newcomer.ChannelUserId });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance set this tenant up at the same moment: the unique index kept one.
                return SetUpOutcome.Taken;
            }

            await transaction.CommitAsync(ct);
            return SetUpOutcome.Done;
        }, cancellationToken);

        switch (outcome)
        {
            case SetUpOutcome.BadCode:
                LogCodeRefused(logger, newcomer.Platform, newcomer.TenantId);
                return Only(Again("That setup code is not valid: it is unknown, used already or expired. Ask your operator for a new one."));
            case SetUpOutcome.Taken:
                db.ChangeTracker.Clear();
                return await ClaimingAsync(db, newcomer, cancellationToken) is { } winner
                    ? await AlreadySetUpAsync(db, winner, newcomer, cancellationToken)
                    : Only(Again("Setting up failed; nothing was created. Please try again."));
        }

        LogSetUp(logger, organization.Id, newcomer.Platform, start);
        var started = await StartAsync(scope.ServiceProvider, organization, admin, start, cancellationToken);
        readModel.Invalidate(organization.Id);
        return Only(Done(organization, admin, start, started));
    }

    /// <summary>Fills the new organization as chosen: the template or a sample through the import, with the organization's own settings kept.</summary>
    private async Task<string?> StartAsync(IServiceProvider services, Organization organization, Person admin, string start, CancellationToken cancellationToken)
    {
        var file = start switch
        {
            OnboardingActions.Template => "starter.yaml",
            OnboardingActions.Logistics => "logistics.yaml",
            OnboardingActions.Manufacturing => "manufacturing.yaml",
            _ => null,
        };
        if (file is null)
        {
            return null;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "samples", file);
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var importer = services.GetRequiredService<ScorecardImporter>();
        var result = await importer.ImportTextAsync(text, file, new AsCodeActor(admin.Id, admin.Name), organization.Id, OrganizationBlock.KeepAll, cancellationToken);

        // The template names no manager: the admin who set it up runs its reviews until someone else does.
        var db = services.GetRequiredService<ScorecardDbContext>();
        db.ChangeTracker.Clear();
        var unmanaged = await db.Scorecards.Where(s => s.OrganizationId == organization.Id && s.ManagerId == null).ToListAsync(cancellationToken);
        foreach (var scorecard in unmanaged)
        {
            scorecard.ManagerId = admin.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        var kpis = await db.Kpis.CountAsync(k => k.OrganizationId == organization.Id, cancellationToken);
        var scorecards = await db.Scorecards.CountAsync(s => s.OrganizationId == organization.Id, cancellationToken);
        return $"{scorecards} scorecard{(scorecards == 1 ? string.Empty : "s")} with {kpis} KPIs ({result.Created} rows)";
    }

    private static Message Done(Organization organization, Person admin, string start, string? started)
    {
        var next = start switch
        {
            OnboardingActions.Upload => "Now send me your scorecard file (YAML, as the export writes it) here in this chat. I check all of it first and change nothing when it has problems.",
            OnboardingActions.Empty => "The organization is empty. Add people with people add, and import a scorecard file by sending it to me here.",
            OnboardingActions.Template => $"I've added the template: {started}. Its KPIs have no owners yet: add people with people add @name role owner, then assign <kpi> @name. Say lint for what it still lacks.",
            _ => $"I've added the sample: {started}. Say status to look around, and people add @name role owner to bring your team.",
        };
        var blocks = new List<Block>
        {
            new Heading($"{organization.Name} is set up"),
            Paragraph.Of($"You are its admin, {admin.Name}."),
            new FactList([new Fact("Time zone", organization.TimeZoneId), new Fact("Language and numbers", organization.Locale)]),
            Paragraph.Of(next),
            new Note("help lists what you can do; people lists who is in."),
        };
        return new Message(blocks, $"{organization.Name} is set up and you are its admin. {next}") { Kind = OnboardingCards.SetUpDoneKind };
    }

    private async Task<TurnResult> AlreadySetUpAsync(ScorecardDbContext db, Organization organization, Newcomer newcomer, CancellationToken cancellationToken)
    {
        var member = await db.People.AsNoTracking().AnyAsync(p => p.OrganizationId == organization.Id && p.IsActive &&
            p.Accounts.Any(a => a.Platform == newcomer.Platform && a.ExternalId == newcomer.UserId), cancellationToken);
        return member
            ? Only(Message.Text($"{organization.Name} is set up already, and you're in it. Say help to see what you can do.", OnboardingCards.SetUpDoneKind))
            : await NotYouAsync(db, organization, newcomer, cancellationToken);
    }

    /// <summary>"Not set up for you", and the admins' card about this person, once (the outbox key is the person's).</summary>
    private async Task<TurnResult> NotYouAsync(ScorecardDbContext db, Organization organization, Newcomer newcomer, CancellationToken cancellationToken)
    {
        var admins = await db.People.AsNoTracking().Include(p => p.Accounts)
            .Where(p => p.OrganizationId == organization.Id && p.IsActive && p.Role == Role.Admin)
            .ToListAsync(cancellationToken);
        var card = OnboardingCards.Newcomer(newcomer);
        var now = time.GetUtcNow();
        var who = newcomer.UserId.Length <= 100
            ? newcomer.UserId
            : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(newcomer.UserId)))[..32];
        foreach (var admin in admins)
        {
            var key = $"newcomer:{newcomer.Platform}:{who}:{admin.Id:N}";
            var (platform, destination) = RhythmDestinations.ForPerson(admin.Id, admin, organization);
            await outbox.TryAddAsync(db, new OutgoingMessage(organization.Id, platform, destination, card, key), OnboardingCards.NewcomerKind, now, cancellationToken);
        }

        return Only(Message.Text(OnboardingCards.NotSetUpForYou(organization.Name), OnboardingCards.NotYouKind));
    }

    private static Task<Organization?> ClaimingAsync(ScorecardDbContext db, Newcomer newcomer, CancellationToken cancellationToken) =>
        newcomer.Platform == Platform.Slack
            ? db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.SlackTeamId == newcomer.TenantId, cancellationToken)
            : db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.TeamsTenantId == newcomer.TenantId, cancellationToken);

    private static string? SuggestedName(Newcomer newcomer) => newcomer.TenantName;

    private static string ZoneOrUtc(string? zone) =>
        zone is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId ? found.Id : "UTC";

    private static string LocaleOrDefault(string? locale)
    {
        if (locale is not { Length: > 0 and <= 20 })
        {
            return "en-US";
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
            return culture.Name.Contains('-', StringComparison.Ordinal) ? culture.Name : "en-US";
        }
        catch (CultureNotFoundException)
        {
            return "en-US";
        }
    }

    private static TurnResult Only(Message message) => new([new Reply(message, Audience.OnlyActor)]);

    private enum SetUpOutcome
    {
        Done,
        BadCode,
        Taken,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set up organization {OrganizationId} for a {Platform} tenant from chat, starting with {Start}")]
    private static partial void LogSetUp(ILogger logger, Guid organizationId, Platform platform, string start);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a setup code from a {Platform} tenant {TenantId}: unknown, used or expired")]
    private static partial void LogCodeRefused(ILogger logger, Platform platform, string tenantId);
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Onboarding;

/// <summary>
/// Imports a scorecard file an admin sent in chat with the command line's importer (the same reader,
/// checks, messages, lines and columns): into the admin's organization only, which keeps its own
/// tenant and workspace (<see cref="OrganizationBlock.KeepIdentity"/>). With any problem nothing changes.
/// </summary>
internal sealed class ChatScorecardFiles(IServiceScopeFactory scopes, IScorecardReadModel readModel, IOptions<OnboardingOptions> options) : IScorecardFiles
{
    public async Task<FileImportOutcome> ImportAsync(ChangeContext context, TurnFile file, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var actor = await db.People.AsNoTracking().FirstOrDefaultAsync(
            p => p.Id == context.ActorId && p.OrganizationId == context.OrganizationId && p.IsActive, cancellationToken);
        if (actor is not { Role: Role.Admin })
        {
            return new FileImportOutcome(CommandResult.Refused("Only an admin can import a scorecard file; I changed nothing."), []);
        }

        var name = Path.GetFileName(file.Name);
        if (file.Content.Length > options.Value.MaxFileBytes)
        {
            return new FileImportOutcome(CommandResult.Refused($"{name} is {file.Content.Length / 1024} KB; I take scorecard files up to {options.Value.MaxFileBytes / 1024} KB. I changed nothing."), []);
        }

        if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || (file.Content.Length > 4 && file.Content[0] == (byte)'P' && file.Content[1] == (byte)'K'))
        {
            return new FileImportOutcome(CommandResult.Refused(
                $"{name} is a spreadsheet; I import scorecard files in YAML, as export writes them (samples/README.md describes the format). I changed nothing."), []);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file.Content);
        }
        catch (DecoderFallbackException)
        {
            return new FileImportOutcome(CommandResult.Refused($"{name} is not UTF-8 text; save it as UTF-8 YAML and send it again. I changed nothing."), []);
        }

        var importer = scope.ServiceProvider.GetRequiredService<ScorecardImporter>();
        try
        {
            var result = await importer.ImportTextAsync(text.TrimStart('\uFEFF'), name, new AsCodeActor(actor.Id, actor.Name), context.OrganizationId, OrganizationBlock.KeepIdentity, cancellationToken);
            readModel.Invalidate(context.OrganizationId);
            return new FileImportOutcome(CommandResult.Done, [], result.Created, result.Updated);
        }
        catch (AsCodeImportException e)
        {
            return new FileImportOutcome(CommandResult.Refused("The file has problems; nothing was changed."), [.. e.Problems.Select(p => p.ToString())]);
        }
    }
}

using ScorecardBot.Core.Model;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Tests.LocalChat.Fakes;

/// <summary>The sample organization's people: an owner, a scorecard manager and a viewer.</summary>
internal sealed class SampleDirectory : ILocalDirectory
{
    public static readonly Guid OrganizationId = Guid.Parse("0f6a2f8e-3c1b-4d7a-9a52-2b1f3c4d5e6f");
    public static readonly LocalPerson Ana = new(Guid.Parse("a0000000-0000-0000-0000-00000000000a"), OrganizationId, "Ana Lima", "ana@example.com", Role.Owner);
    public static readonly LocalPerson Marco = new(Guid.Parse("b0000000-0000-0000-0000-00000000000b"), OrganizationId, "Marco Rossi", "marco@example.com", Role.ScorecardManager);
    public static readonly LocalPerson Vera = new(Guid.Parse("c0000000-0000-0000-0000-00000000000c"), OrganizationId, "Vera Chen", "vera@example.com", Role.Viewer);

    public static IReadOnlyList<LocalPerson> People { get; } = [Ana, Marco, Vera];

    public Task<IReadOnlyList<LocalPerson>> ListPeopleAsync(CancellationToken cancellationToken) =>
        Task.FromResult(People);

    public Task<LocalPerson?> FindPersonAsync(Guid personId, CancellationToken cancellationToken) =>
        Task.FromResult(People.FirstOrDefault(p => p.Id == personId));
}

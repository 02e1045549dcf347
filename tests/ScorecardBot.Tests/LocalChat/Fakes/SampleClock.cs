using ScorecardBot.Core.Conversation;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Tests.LocalChat.Fakes;

/// <summary>
/// Stands in for the review rhythm's clock: jumps to the dates of the October cycle and, like the
/// outbox dispatcher would, delivers what becomes due (prompts to the owner, the digest to the channel).
/// </summary>
internal sealed class SampleClock(ILocalChannelSink sink) : ILocalClockControl
{
    private readonly List<ClockJump> _jumps = [];
    private DateTimeOffset _now = new(2026, 10, 28, 9, 0, 0, TimeSpan.Zero);
    private string _description = "October cycle: before the collection window";

    public IReadOnlyList<ClockJump> Jumps => _jumps;

    public Task<ClockReading> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ClockReading(_now, _description));

    public Task<ClockReading> JumpAsync(ClockJump to, CancellationToken cancellationToken)
    {
        _jumps.Add(to);
        switch (to)
        {
            case ClockJump.Window:
                _now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
                sink.PostDirect(SampleDirectory.Ana.Id, SampleConversation.Prompt(null, null));
                _description = "Collection window for October is open: 1 prompt sent";
                break;
            case ClockJump.Due:
                _now = new DateTimeOffset(2026, 11, 5, 17, 0, 0, TimeSpan.Zero);
                _description = "October actuals are due today";
                break;
            case ClockJump.Mbr:
                _now = new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);
                sink.Post(SampleConversation.Digest());
                sink.Post(SampleConversation.Agenda());
                _description = "MBR day: digest and agenda posted";
                break;
            default:
                _now = _now.AddDays(1);
                _description = "One day later";
                break;
        }

        return ReadAsync(cancellationToken);
    }
}

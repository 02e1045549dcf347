using Microsoft.AspNetCore.Http.HttpResults;

namespace ScorecardBot.LocalChat;

/// <summary>Development-only: read and move the simulated clock of the review rhythm.</summary>
internal static class LocalClockApi
{
    public static void MapClock(RouteGroupBuilder group)
    {
        group.MapGet("/local/clock", Read).WithName("LocalChatClock");
        group.MapPost("/local/clock/jump", Jump).WithName("LocalChatClockJump");
    }

    internal static async Task<Ok<LocalClockView>> Read(ILocalClockControl clock, CancellationToken cancellationToken)
    {
        var reading = await clock.ReadAsync(cancellationToken);
        return TypedResults.Ok(new LocalClockView(reading.Now, reading.Description));
    }

    internal static async Task<Results<Ok<LocalClockView>, ProblemHttpResult>> Jump(
        LocalClockJumpRequest request, ILocalClockControl clock, CancellationToken cancellationToken)
    {
        if (!TryParse(request.To, out var to))
        {
            return LocalChatApi.Problem($"Cannot jump to '{request.To}': use \"window\", \"due\", \"mbr\" or \"next-day\".");
        }

        var reading = await clock.JumpAsync(to, cancellationToken);
        return TypedResults.Ok(new LocalClockView(reading.Now, reading.Description));
    }

    internal static bool TryParse(string? to, out ClockJump jump)
    {
        jump = to?.Trim().ToLowerInvariant() switch
        {
            "window" => ClockJump.Window,
            "due" => ClockJump.Due,
            "mbr" => ClockJump.Mbr,
            "next-day" => ClockJump.NextDay,
            _ => (ClockJump)(-1),
        };
        return Enum.IsDefined(jump);
    }
}

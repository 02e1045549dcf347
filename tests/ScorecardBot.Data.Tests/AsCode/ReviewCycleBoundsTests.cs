using System.Globalization;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>
/// A review cycle's settings are bounded once (<see cref="ReviewCycleBounds"/>): the scorecard file's
/// <c>review:</c> and the <c>cycle</c> command accept the same values and refuse the others in the
/// same words, so a cycle set in chat is exported to a file that imports again.
/// </summary>
public sealed class ReviewCycleBoundsTests
{
    public static TheoryData<string> Keys() => [.. ReviewCycleBounds.All.Select(b => b.Key)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_scorecard_file_and_the_cycle_command_accept_the_same_values_and_refuse_the_others_in_the_same_words(string key)
    {
        var bound = ReviewCycleBounds.All.Single(b => b.Key == key);
        var values = new[] { bound.Min - 1, bound.Min, bound.Min + 1, bound.Max - 1, bound.Max, bound.Max + 1, 600, 0, -1 }
            .Select(v => v.ToString(CultureInfo.InvariantCulture)).Append("soon").Distinct();
        foreach (var value in values)
        {
            var problem = bound.Problem(value);
            var file = FileProblems(key, value);
            var command = CommandProblem(key, value);
            var fileRefuses = file.Any(p => p.Contains(problem, StringComparison.Ordinal));
            var commandRefuses = command?.Contains(problem, StringComparison.Ordinal) == true;

            Assert.True(fileRefuses == commandRefuses,
                $"{key} {value}: the file {(fileRefuses ? "refuses" : "accepts")} it ({string.Join("; ", file)}), the cycle command {(commandRefuses ? "refuses" : "accepts")} it ({command})");
            var inRange = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= bound.Min && n <= bound.Max;
            Assert.Equal(!inRange, fileRefuses);
        }
    }

    [Fact]
    public void The_bounds_hold_what_the_samples_use_and_refuse_an_escalation_on_the_due_date()
    {
        Assert.Null(ReviewCycleBounds.EscalateAfter.Read("0"));
        Assert.Equal(1, ReviewCycleBounds.EscalateAfter.Read("1"));
        Assert.Equal(90, ReviewCycleBounds.Minutes.Read("90"));
        Assert.Null(ReviewCycleBounds.Minutes.Read("600"));
        Assert.Equal("'minutes' takes a whole number of minutes (the meeting's length) from 15 to 480, not '600'", ReviewCycleBounds.Minutes.Problem("600"));
    }

    /// <summary>The problems importing a file whose scorecard's review sets <paramref name="key"/> to <paramref name="value"/>.</summary>
    private static List<string> FileProblems(string key, string value)
    {
        var setting = key == ReviewCycleBounds.Reminder.Key ? $"{key}: [{value}]" : $"{key}: {value}";
        var text = ScorecardFileTests.Valid + $"\n    review:\n      meeting: 2nd Tuesday 10:00\n      {setting}\n";
        try
        {
            ScorecardImporter.Parse(text, "bounds.yaml");
            return [];
        }
        catch (AsCodeImportException e)
        {
            return [.. e.Problems.Select(p => p.ToString())];
        }
    }

    /// <summary>What the cycle command says about the same setting (null when it takes it).</summary>
    private static string? CommandProblem(string key, string value)
    {
        var request = CycleGrammar.Parse(CommandTokens.Split($"enterprise 2nd Tuesday 10:00 {key} {value}"));
        return request switch
        {
            UsageRequest usage => usage.Problem,
            CycleRequest => null,
            _ => throw new InvalidOperationException(request.ToString()),
        };
    }
}

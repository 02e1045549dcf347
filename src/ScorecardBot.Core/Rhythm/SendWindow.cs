using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// When a message may reach a person or a channel: on a business day of the organization (in
/// the recipient's local date), between the start of the working day and the evening. A send
/// that missed its moment (the bot was down) waits for the next such moment instead of waking
/// people at night.
/// </summary>
internal sealed class SendWindow
{
    /// <summary>Nothing is sent from this local time on.</summary>
    public static readonly TimeOnly EveningStarts = new(20, 0);

    /// <summary>The usual start of the working day; earlier sends happen only when scheduled for then (an early meeting's agenda).</summary>
    public static readonly TimeOnly DayStarts = new(7, 0);

    private readonly TimeZoneInfo _zone;
    private readonly BusinessCalendar _business;
    private readonly TimeOnly _sendTime;
    private readonly TimeOnly _opens;

    public SendWindow(TimeZoneInfo zone, BusinessCalendar business, TimeOnly sendTime, TimeOnly scheduledTimeOfDay)
    {
        _zone = zone;
        _business = business;
        _sendTime = sendTime;
        _opens = scheduledTimeOfDay < DayStarts ? scheduledTimeOfDay : DayStarts;
        if (_sendTime < _opens)
        {
            _opens = _sendTime;
        }
    }

    private TimeOnly Closes => _sendTime >= EveningStarts ? _sendTime.AddHours(1) : EveningStarts;

    public bool Allows(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return _business.IsBusinessDay(DateOnly.FromDateTime(local)) && time >= _opens && (time < Closes || Closes < _opens);
    }

    /// <summary>The first moment at or after <paramref name="instant"/> when a send is allowed.</summary>
    public DateTimeOffset FirstAllowed(DateTimeOffset instant)
    {
        if (Allows(instant))
        {
            return instant;
        }

        var local = TimeZoneInfo.ConvertTime(instant, _zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var calendar = new FiscalCalendar(1, _zone);
        if (_business.IsBusinessDay(day) && TimeOnly.FromDateTime(local) < _sendTime)
        {
            return calendar.ToInstant(day, _sendTime);
        }

        return calendar.ToInstant(_business.NextBusinessDay(day), _sendTime);
    }
}

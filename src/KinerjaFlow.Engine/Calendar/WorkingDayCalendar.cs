using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Calendar;

/// <summary>
/// Counts working days (hari kerja) for one pemda: Monday to Friday unless configured otherwise,
/// minus the pemda's holidays (libur nasional, cuti bersama, local holidays). Deadlines of tasks,
/// summons notices and appeal windows are expressed in these days.
/// </summary>
public sealed class WorkingDayCalendar : IWorkingDays
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DayOfWeek> _workingDays;

    /// <summary>The five-day week of Indonesian regional government offices.</summary>
    public static readonly IReadOnlyList<DayOfWeek> FiveDayWeek =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Western Indonesia Time (UTC+7), the default zone of a pemda's office hours.</summary>
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB (UTC+7)", "WIB");

    /// <summary>Creates a calendar from the pemda's holidays, its working days of the week and its time zone (WIB when omitted; WITA or WIT for central and eastern pemda).</summary>
    public WorkingDayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DayOfWeek>? workingDays = null, TimeZoneInfo? timeZone = null)
    {
        TimeZone = timeZone ?? Wib;
        _holidays = [.. holidays];
        _workingDays = [.. workingDays ?? FiveDayWeek];
        if (_workingDays.Count == 0)
            throw new ArgumentException("A calendar needs at least one working day in the week.", nameof(workingDays));
    }

    /// <summary>The pemda's local time zone: a working-day timer fires at the same local time of day.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>True when offices work on <paramref name="date"/>.</summary>
    public bool IsWorkingDay(DateOnly date) => _workingDays.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="start"/> (before it when
    /// negative). The start day itself is never counted, so a 14-working-day window opened on a
    /// Friday closes on a working day three weeks later. Backs <c>workdays.add</c> in scripts.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        var step = days >= 0 ? 1 : -1;
        var remaining = Math.Abs(days);
        var date = start;
        // A holiday list cannot make every day a non-working day (at least one weekday works), so
        // this loop ends; the guard only protects against a calendar of absurd holiday density.
        var guard = 0;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
                remaining--;
            if (++guard > 366 * 100)
                throw new InvalidOperationException("The holiday calendar leaves no working days within a century.");
        }

        return date;
    }

    /// <summary>
    /// Working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative when <paramref name="to"/> is earlier. The inverse of <see cref="AddWorkingDays"/>
    /// whenever the result of that is a working day.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
                count++;
        }

        return count;
    }
}

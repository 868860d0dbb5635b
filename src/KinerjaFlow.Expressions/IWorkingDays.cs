namespace KinerjaFlow.Expressions;

/// <summary>
/// The pemda's working-day arithmetic behind the <c>workdays</c> helper of scripts. An interface
/// because Expressions must not reference Engine, which owns the holiday calendar.
/// </summary>
public interface IWorkingDays
{
    /// <summary>The date <paramref name="days"/> working days after <paramref name="start"/> (before it when negative).</summary>
    DateOnly AddWorkingDays(DateOnly start, int days);

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    int WorkingDaysBetween(DateOnly from, DateOnly to);
}

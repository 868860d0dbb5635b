using KinerjaFlow.Engine.Calendar;

namespace KinerjaFlow.Engine.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new([new DateOnly(2026, 8, 17), new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25)]);

    [Theory]
    [InlineData("2026-08-13", 1, "2026-08-14")] // Thursday → Friday
    [InlineData("2026-08-14", 1, "2026-08-18")] // Friday → over the weekend and Independence Day
    [InlineData("2026-08-14", 0, "2026-08-14")]
    [InlineData("2026-12-21", 5, "2026-12-30")] // Christmas eve (cuti bersama) and Christmas
    [InlineData("2026-08-18", -1, "2026-08-14")]
    [InlineData("2026-08-15", 1, "2026-08-18")] // from a Saturday
    public void Adding_working_days_skips_weekends_and_holidays(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Calendar.AddWorkingDays(DateOnly.Parse(start), days));

    [Fact]
    public void Fourteen_working_days_from_a_Friday_end_three_weeks_later()
    {
        var calendar = new WorkingDayCalendar([]);
        Assert.Equal(new DateOnly(2026, 3, 26), calendar.AddWorkingDays(new DateOnly(2026, 3, 6), 14));
    }

    [Fact]
    public void Between_is_the_inverse_of_add_on_working_days()
    {
        var start = new DateOnly(2026, 1, 1);
        for (var n = -30; n <= 60; n++)
            Assert.Equal(n, Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, n)));
    }

    [Fact]
    public void A_six_day_week_counts_Saturdays()
    {
        var sixDays = new WorkingDayCalendar([], [.. WorkingDayCalendar.FiveDayWeek, DayOfWeek.Saturday]);
        Assert.True(sixDays.IsWorkingDay(new DateOnly(2026, 8, 15)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 8, 15)));
        Assert.Equal(new DateOnly(2026, 8, 15), sixDays.AddWorkingDays(new DateOnly(2026, 8, 14), 1));
    }

    [Fact]
    public void A_week_without_working_days_is_refused() =>
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([], []));
}

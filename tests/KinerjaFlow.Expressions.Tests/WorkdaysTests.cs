using System.Text.Json.Nodes;

namespace KinerjaFlow.Expressions.Tests;

public class WorkdaysTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    /// <summary>Monday to Friday with 17 August 2026 off; enough to see that the helper delegates.</summary>
    private sealed class WeekdaysWithIndependenceDay : IWorkingDays
    {
        private static bool Works(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != new DateOnly(2026, 8, 17);

        public DateOnly AddWorkingDays(DateOnly start, int days)
        {
            var date = start;
            for (var left = Math.Abs(days); left > 0;)
            {
                date = date.AddDays(Math.Sign(days));
                if (Works(date))
                    left--;
            }

            return date;
        }

        public int WorkingDaysBetween(DateOnly from, DateOnly to)
        {
            var count = 0;
            for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
                count += Works(d) ? 1 : 0;
            return count;
        }
    }

    private static readonly ExpressionScope Scope = new(
        new Dictionary<string, JsonNode?> { ["form"] = new JsonObject { ["mulai"] = "2026-08-14" } },
        new WeekdaysWithIndependenceDay(),
        new FixedClock(new DateTimeOffset(2026, 8, 14, 23, 30, 0, TimeSpan.FromHours(7))));

    [Fact]
    public void Workdays_add_skips_the_weekend_and_holidays() =>
        Assert.Equal("2026-08-18", Evaluator.Evaluate("workdays.add(form.mulai, 1)", Scope)!.GetValue<string>());

    [Fact]
    public void Workdays_between_counts_working_days() =>
        Assert.Equal(3L, Evaluator.Evaluate("workdays.between('2026-08-14', '2026-08-20')", Scope)!.GetValue<long>());

    [Fact]
    public void Workdays_take_Date_objects_in_the_pemda_time_zone() =>
        // 23:30 WIB on Friday the 14th is still Friday locally, though it is the 14th 16:30 in UTC.
        Assert.Equal("2026-08-18", Evaluator.Evaluate("workdays.add(new Date(), 1)", Scope)!.GetValue<string>());

    [Fact]
    public void A_bad_date_is_a_clear_runtime_error()
    {
        var error = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate("workdays.add('besok', 1)", Scope));
        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Contains("bukan tanggal", error.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_calendar_there_is_no_workdays_helper() =>
        Assert.Equal("undefined", Evaluator.Evaluate("typeof workdays", ExpressionScope.Empty)!.GetValue<string>());

    [Fact]
    public void A_date_past_year_9999_is_a_bilingual_script_error()
    {
        var error = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate("workdays.add('9999-12-31', 1)", Scope));
        Assert.Contains("rentang tanggal", error.Indonesian, StringComparison.Ordinal);
        Assert.Contains("outside the dates", error.English, StringComparison.Ordinal);
    }
}

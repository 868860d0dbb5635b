using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Calendar;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Tests.Execution;
using static KinerjaFlow.Engine.Tests.Activities.Flow;

namespace KinerjaFlow.Engine.Tests.Activities;

public class TimerActivityTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>Friday 14 August 2026, 10:30 WIB; Monday 17 August is a holiday in <see cref="Run.Calendar"/>.</summary>
    private static ManualClock FridayMorning() => new(new DateTimeOffset(2026, 8, 14, 10, 30, 0, Wib));

    [Fact]
    public void A_duration_waits_on_a_timer_bookmark_due_that_long_after_now()
    {
        var definition = Around("Timer", new JsonObject { ["duration"] = "PT2H" });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), FridayMorning());
        var bookmark = Waiting(state);
        Assert.Equal(BookmarkKinds.Timer, bookmark.Kind);
        var due = new DateTimeOffset(2026, 8, 14, 12, 30, 0, Wib);
        Assert.Equal(due, bookmark.DueAt);
        Assert.Equal(due, DateTimeOffset.Parse(Text(bookmark.Payload["dueAt"]), System.Globalization.CultureInfo.InvariantCulture));

        Resume(definition, state, null);
        Assert.Equal(("Selesai", InstanceStatus.Completed), (state.Outcome, state.Status));
    }

    [Theory]
    [InlineData("P3D", "2026-08-17T10:30:00+07:00")]
    [InlineData("P1M", "2026-09-14T10:30:00+07:00")]
    [InlineData("P1W", "2026-08-21T10:30:00+07:00")]
    [InlineData("PT90M", "2026-08-14T12:00:00+07:00")]
    [InlineData("P1DT1H30M", "2026-08-15T12:00:00+07:00")]
    public void Durations_follow_ISO_8601_with_calendar_months(string duration, string due)
    {
        var state = Run.Interpreter.Start(Around("Timer", new JsonObject { ["duration"] = duration }), new WorkflowInput(), FridayMorning());
        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Waiting(state).DueAt);
    }

    [Fact]
    public void Working_days_land_on_the_same_local_time_skipping_weekend_and_holidays()
    {
        var state = Run.Interpreter.Start(Around("Timer", new JsonObject { ["workingDays"] = 3 }), new WorkflowInput(), FridayMorning());
        // Saturday, Sunday and Monday 17 August (a holiday) do not count: 18, 19, 20 August.
        Assert.Equal(new DateTimeOffset(2026, 8, 20, 10, 30, 0, Wib), Waiting(state).DueAt);
    }

    [Fact]
    public void Working_days_may_come_from_an_expression_and_follow_the_calendar_time_zone()
    {
        var wita = TimeZoneInfo.CreateCustomTimeZone("WITA", TimeSpan.FromHours(8), "WITA", "WITA");
        var interpreter = new WorkflowInterpreter(workingDays: new WorkingDayCalendar([], timeZone: wita));
        var definition = Around("Timer", new JsonObject { ["workingDays"] = "form.tenggat" });
        var state = interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["tenggat"] = 1 } }, FridayMorning());
        // 10:30 WIB is 11:30 WITA on Friday; one working day later is Monday 11:30 WITA.
        Assert.Equal(new DateTimeOffset(2026, 8, 17, 11, 30, 0, TimeSpan.FromHours(8)), Waiting(state).DueAt);
    }

    [Fact]
    public void A_date_alone_is_the_start_of_that_day_and_a_past_date_still_waits()
    {
        var definition = Around("Timer", new JsonObject { ["date"] = "form.batas" });
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["batas"] = "2026-08-31" } }, FridayMorning());
        Assert.Equal(new DateTimeOffset(2026, 8, 31, 0, 0, 0, Wib), Waiting(state).DueAt);

        var past = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["batas"] = "2026-08-01T09:00:00Z" } }, FridayMorning());
        Assert.Equal(InstanceStatus.Suspended, past.Status);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 9, 0, 0, TimeSpan.Zero), Waiting(past).DueAt);
    }

    [Fact]
    public void A_date_expression_that_gives_no_date_is_an_incident()
    {
        var state = Run.Interpreter.Start(Around("Timer", new JsonObject { ["date"] = "'besok'" }), new WorkflowInput(), FridayMorning());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Contains("ISO", state.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_waiting_timer_survives_the_round_trip_with_its_due_time()
    {
        var definition = Around("Timer", new JsonObject { ["duration"] = "P3D" });
        var state = RoundTrip(Run.Interpreter.Start(definition, new WorkflowInput(), FridayMorning()));
        Assert.Equal(new DateTimeOffset(2026, 8, 17, 10, 30, 0, Wib), Waiting(state).DueAt);
        Resume(definition, state, new JsonObject());
        Assert.Equal("Selesai", state.Outcome);
    }

    [Fact]
    public void A_timer_needs_exactly_one_of_duration_date_and_working_days()
    {
        Refused(Around("Timer", []), "InvalidTimer", "duration");
        Refused(Around("Timer", new JsonObject { ["duration"] = "PT1H", ["workingDays"] = 2 }), "InvalidTimer", "workingDays");
    }

    [Theory]
    [InlineData("2 jam")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("PT0S")]
    [InlineData("-P1D")]
    public void A_duration_that_is_not_ISO_8601_is_refused(string duration) =>
        Refused(Around("Timer", new JsonObject { ["duration"] = duration }), "InvalidDuration", "duration");

    [Fact]
    public void Timer_expressions_must_compile()
    {
        Refused(Around("Timer", new JsonObject { ["date"] = "form.batas +" }), "ExpressionDoesNotCompile", "date");
        Refused(Around("Timer", new JsonObject { ["workingDays"] = "(" }), "ExpressionDoesNotCompile", "workingDays");
        Refused(Around("Timer", new JsonObject { ["workingDays"] = -2 }), "InvalidWorkingDays", "workingDays");
    }
}

namespace KinerjaFlow.Engine.Tests;

/// <summary>A clock that moves only when a test says so, in Western Indonesia Time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");
    private DateTimeOffset _now = start;

    public ManualClock()
        : this(new DateTimeOffset(2026, 8, 10, 8, 0, 0, TimeSpan.FromHours(7)))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => Wib;

    public void Advance(TimeSpan by) => _now += by;
}

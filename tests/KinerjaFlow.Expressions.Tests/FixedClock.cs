namespace KinerjaFlow.Expressions.Tests;

/// <summary>A clock stopped at one instant, in Western Indonesia Time (UTC+7).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => Wib;
}

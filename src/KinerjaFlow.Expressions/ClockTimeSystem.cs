using System.Globalization;
using Jint.Runtime;

namespace KinerjaFlow.Expressions;

/// <summary>Makes JavaScript's <c>Date</c> read the scope's clock, so a fake clock in tests also fixes <c>new Date()</c>.</summary>
internal sealed class ClockTimeSystem(TimeProvider clock) : ITimeSystem
{
    private readonly DefaultTimeSystem _parsing = new(clock.LocalTimeZone, CultureInfo.InvariantCulture);

    public TimeZoneInfo DefaultTimeZone => _parsing.DefaultTimeZone;

    public DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public TimeSpan GetUtcOffset(long epochMilliseconds) => _parsing.GetUtcOffset(epochMilliseconds);

    public bool TryParse(string date, out long epochMilliseconds) => _parsing.TryParse(date, out epochMilliseconds);
}

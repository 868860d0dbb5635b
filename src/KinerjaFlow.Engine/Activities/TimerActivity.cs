using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaFlow.Engine.Calendar;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Waits until a moment, given by exactly one of: <c>duration</c> (ISO 8601, <c>PT2H</c>, <c>P3D</c>,
/// <c>P1M</c>), <c>date</c> (an expression giving an ISO date or date-time; a date alone means the
/// start of that day in the pemda's zone) or <c>workingDays</c> (a number, or an expression giving
/// one: the same local time of day n working days later on the pemda's calendar). The bookmark
/// (<see cref="BookmarkKinds.Timer"/>) carries <c>DueAt</c>; a moment already past still waits, and
/// the Runtime fires it at once.
/// </summary>
public sealed partial class TimerActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Timer";

    private static readonly string[] Modes = ["duration", "date", "workingDays"];

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Pewaktu", "Timer"), ActivityCategory.Timing, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [
            new PropertyDescriptor("duration", new LocalizedText("Lama menunggu (ISO 8601, mis. PT2H, P3D)", "Duration (ISO 8601, e.g. PT2H, P3D)"), PropertyEditor.Duration),
            new PropertyDescriptor("date", new LocalizedText("Tanggal (ekspresi)", "Date (expression)"), PropertyEditor.Expression),
            new PropertyDescriptor("workingDays", new LocalizedText("Hari kerja (angka atau ekspresi)", "Working days (number or expression)"), PropertyEditor.Expression),
        ]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        var now = context.Clock.GetUtcNow();
        var zone = (context.WorkingDays as WorkingDayCalendar)?.TimeZone ?? WorkingDayCalendar.Wib;
        DateTimeOffset due;
        if (activity.String("duration") is { } duration)
        {
            due = AddDuration(TimeZoneInfo.ConvertTime(now, zone), Duration(duration)
                ?? throw new InvalidOperationException(
                    $"Pewaktu {activity.Label}: durasi '{duration}' tidak valid. / Timer {activity.Label}: duration '{duration}' is not valid."));
        }
        else if (activity.String("date") is { } date)
        {
            due = ParseMoment(context.Evaluate(date), zone) ?? throw new InvalidOperationException(
                $"Pewaktu {activity.Label}: ekspresi 'date' tidak menghasilkan tanggal ISO. / Timer {activity.Label}: the 'date' expression did not give an ISO date.");
        }
        else
        {
            var days = WorkingDays(context) ?? throw new InvalidOperationException(
                $"Pewaktu {activity.Label}: 'workingDays' tidak menghasilkan bilangan bulat. / Timer {activity.Label}: 'workingDays' did not give a whole number.");
            var calendar = context.WorkingDays ?? throw new InvalidOperationException(
                $"Pewaktu {activity.Label}: kalender hari kerja pemda tidak tersedia. / Timer {activity.Label}: the pemda's working-day calendar is not available.");
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var day = calendar.AddWorkingDays(DateOnly.FromDateTime(local.DateTime), days);
            var wall = day.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
            due = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        }

        due = due.ToUniversalTime();
        return ActivityResult.Wait(BookmarkKinds.Timer, new JsonObject { ["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture) }, due);
    }

    /// <inheritdoc/>
    public override ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor) => ActivityResult.Done;

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        var set = Modes.Where(activity.Has).ToList();
        if (set.Count != 1)
        {
            yield return new ValidationProblem(activity.Id, set.Count == 0 ? "duration" : set[1], "InvalidTimer",
                $"Pewaktu {activity.Label}: isi tepat satu dari 'duration', 'date' atau 'workingDays' (terisi: {set.Count}).",
                $"Timer {activity.Label}: set exactly one of 'duration', 'date' or 'workingDays' ({set.Count} set).");
            yield break;
        }

        switch (set[0])
        {
            case "duration":
                if (activity.String("duration") is not { } duration || Duration(duration) is null)
                {
                    yield return new ValidationProblem(activity.Id, "duration", "InvalidDuration",
                        $"Pewaktu {activity.Label}: properti 'duration' harus durasi ISO 8601 positif seperti PT2H atau P3D.",
                        $"Timer {activity.Label}: property 'duration' must be a positive ISO 8601 duration such as PT2H or P3D.");
                }

                break;
            case "date":
                if (CheckExpression(activity, "date", activity.String("date"), evaluator) is { } date)
                    yield return date;
                break;
            default:
                var node = activity.Properties["workingDays"];
                if (PropertyReader.Number(node) is { } n)
                {
                    if (n < 0 || n != Math.Floor(n) || n > 3650)
                    {
                        yield return new ValidationProblem(activity.Id, "workingDays", "InvalidWorkingDays",
                            $"Pewaktu {activity.Label}: 'workingDays' harus bilangan bulat antara 0 dan 3650.",
                            $"Timer {activity.Label}: 'workingDays' must be a whole number from 0 to 3650.");
                    }
                }
                else if (CheckExpression(activity, "workingDays", PropertyReader.AsString(node), evaluator) is { } expression)
                {
                    yield return expression;
                }

                break;
        }
    }

    private static int? WorkingDays(ActivityContext context)
    {
        var node = context.Activity.Properties["workingDays"];
        if (PropertyReader.AsString(node) is { } expression)
            node = context.Evaluate(expression);
        if (PropertyReader.Number(node) is { } d && d == Math.Floor(d) && d is >= 0 and <= 3650)
            return (int)d;
        if (PropertyReader.AsString(node) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= 3650)
            return parsed;
        return null;
    }

    private static DateTimeOffset? ParseMoment(JsonNode? node, TimeZoneInfo zone)
    {
        if (PropertyReader.AsString(node) is not { } text)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
            return null;
        // Without an offset, a date-time is the pemda's local time.
        return moment.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(moment),
            DateTimeKind.Local => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ => new DateTimeOffset(moment, zone.GetUtcOffset(moment)),
        };
    }

    /// <summary>An ISO 8601 duration as calendar parts; <see langword="null"/> when it is not one or is zero.</summary>
    internal static (int Years, int Months, TimeSpan Time)? Duration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
            return null;
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups["s"].Success ? double.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var rest = TimeSpan.FromDays(Part("w") * 7 + Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("min")) + TimeSpan.FromSeconds(seconds);
        var result = (Part("y"), Part("mon"), rest);
        return result is (0, 0, { Ticks: 0 }) ? null : result;
    }

    private static DateTimeOffset AddDuration(DateTimeOffset from, (int Years, int Months, TimeSpan Time) duration) =>
        from.AddYears(duration.Years).AddMonths(duration.Months).Add(duration.Time);

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<mon>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?:(?<h>\d{1,6})H)?(?:(?<min>\d{1,7})M)?(?:(?<s>\d{1,9}(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}

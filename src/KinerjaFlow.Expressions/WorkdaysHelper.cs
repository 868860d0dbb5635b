using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace KinerjaFlow.Expressions;

/// <summary>
/// Builds the <c>workdays</c> object of a script: <c>workdays.add(date, n)</c> returns a
/// <c>yyyy-MM-dd</c> string and <c>workdays.between(a, b)</c> a number. Dates may be
/// <c>yyyy-MM-dd</c> strings (what forms store), ISO date-times or <c>Date</c> objects; date-times
/// count in the clock's local time zone, which is the pemda's.
/// </summary>
internal static class WorkdaysHelper
{
    public static JsObject Create(Engine engine, IWorkingDays calendar, TimeProvider clock)
    {
        var workdays = new JsObject(engine);
        workdays.FastSetDataProperty("add", new ClrFunction(engine, "add", (_, args) =>
        {
            var start = ToDate(args.At(0), clock, "workdays.add");
            var days = ToWholeNumber(args.At(1), "workdays.add");
            return new JsString(Calendar(() => calendar.AddWorkingDays(start, days), "workdays.add").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }));
        workdays.FastSetDataProperty("between", new ClrFunction(engine, "between", (_, args) =>
        {
            var from = ToDate(args.At(0), clock, "workdays.between");
            var to = ToDate(args.At(1), clock, "workdays.between");
            return JsNumber.Create(Calendar(() => calendar.WorkingDaysBetween(from, to), "workdays.between"));
        }));
        return workdays;
    }

    private static DateOnly ToDate(JsValue value, TimeProvider clock, string function)
    {
        if (value is JsDate date && !double.IsNaN(date.DateValue)
            && date.DateValue >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && date.DateValue <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return ToLocalDate(DateTimeOffset.FromUnixTimeMilliseconds((long)date.DateValue), clock);
        if (value is JsString)
        {
            var text = value.ToString();
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return day;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                return ToLocalDate(moment, clock);
        }

        throw new ExpressionException(
            ExpressionErrorKind.Runtime,
            $"{function}: '{value}' bukan tanggal (yyyy-MM-dd atau Date).",
            $"{function}: '{value}' is not a date (yyyy-MM-dd or Date).");
    }

    /// <summary>A date past year 9999, or a calendar without working days, is the script's problem: say so in both languages.</summary>
    private static T Calendar<T>(Func<T> compute, string function)
    {
        try
        {
            return compute();
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            throw new ExpressionException(
                ExpressionErrorKind.Runtime,
                $"{function}: hasil di luar rentang tanggal yang dapat dihitung (tahun 1–9999) atau kalender tanpa hari kerja.",
                $"{function}: the result is outside the dates that can be counted (years 1–9999) or the calendar has no working days.");
        }
    }

    private static DateOnly ToLocalDate(DateTimeOffset moment, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, clock.LocalTimeZone).DateTime);

    private static int ToWholeNumber(JsValue value, string function)
    {
        var number = TypeConverter.ToNumber(value);
        if (double.IsInteger(number) && Math.Abs(number) <= 100_000)
            return (int)number;
        throw new ExpressionException(
            ExpressionErrorKind.Runtime,
            $"{function}: jumlah hari '{value}' harus bilangan bulat.",
            $"{function}: the number of days '{value}' must be a whole number.");
    }
}

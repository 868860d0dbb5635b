using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KinerjaFlow.Forms.Fields;

/// <summary>
/// An 18-digit Nomor Induk Pegawai: birth date YYYYMMDD, CPNS start YYYYMM, sex (1 male, 2 female)
/// and a 3-digit sequence, e.g. <c>19730314 199702 2 002</c>. Parsing checks the shape and that the
/// embedded dates are real and plausible (a CPNS start after the 15th birthday, nothing in the future).
/// </summary>
public readonly record struct Nip
{
    private Nip(string value, DateOnly birthDate, int startYear, int startMonth, int sex, int sequence)
    {
        Value = value;
        BirthDate = birthDate;
        StartYear = startYear;
        StartMonth = startMonth;
        Sex = sex;
        Sequence = sequence;
    }

    /// <summary>The 18 digits without spaces.</summary>
    public string Value { get; }

    /// <summary>Date of birth embedded in digits 1–8.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Year of the CPNS appointment (digits 9–12).</summary>
    public int StartYear { get; }

    /// <summary>Month of the CPNS appointment (digits 13–14).</summary>
    public int StartMonth { get; }

    /// <summary>1 for male, 2 for female (digit 15).</summary>
    public int Sex { get; }

    /// <summary>Sequence number (digits 16–18), 1 or more.</summary>
    public int Sequence { get; }

    /// <summary>The first day of the CPNS start month.</summary>
    public DateOnly ServiceStart => new(StartYear, StartMonth, 1);

    /// <summary>The grouped form used on Indonesian documents: <c>19730314 199702 2 002</c>.</summary>
    public string Formatted => Format(Value);

    /// <summary>Groups 18 digits as on documents; any other text is returned unchanged.</summary>
    public static string Format(string digits) => digits.Length == 18
        ? $"{digits[..8]} {digits[8..14]} {digits[14]} {digits[15..]}"
        : digits;

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Parses a NIP, accepting the grouped form with spaces; reports why it is refused.</summary>
    /// <param name="input">The text typed or imported.</param>
    /// <param name="today">The current date, so that future dates are refused.</param>
    /// <param name="nip">The parsed NIP when valid.</param>
    /// <param name="error">The reason when invalid.</param>
    public static bool TryParse(string? input, DateOnly today, out Nip nip, [NotNullWhen(false)] out NipError? error)
    {
        nip = default;
        var digits = (input ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (digits.Length != 18 || !digits.All(char.IsAsciiDigit))
        {
            error = NipError.Shape;
            return false;
        }

        if (!DateOnly.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            error = NipError.BirthDate;
            return false;
        }

        var startYear = int.Parse(digits[8..12], CultureInfo.InvariantCulture);
        var startMonth = int.Parse(digits[12..14], CultureInfo.InvariantCulture);
        if (startMonth is < 1 or > 12 || startYear < 1900 || new DateOnly(startYear, startMonth, 1) > today
            || new DateOnly(startYear, startMonth, 1) < birth.AddYears(15))
        {
            error = NipError.ServiceStart;
            return false;
        }

        var sex = digits[14] - '0';
        if (sex is not (1 or 2))
        {
            error = NipError.Sex;
            return false;
        }

        var sequence = int.Parse(digits[15..], CultureInfo.InvariantCulture);
        if (sequence == 0)
        {
            error = NipError.Sequence;
            return false;
        }

        nip = new Nip(digits, birth, startYear, startMonth, sex, sequence);
        error = null;
        return true;
    }
}

/// <summary>Why a NIP was refused; <see cref="NipErrors.Message"/> gives the text in both languages.</summary>
public enum NipError
{
    /// <summary>Not 18 digits.</summary>
    Shape,

    /// <summary>Digits 1–8 are not a real, past birth date.</summary>
    BirthDate,

    /// <summary>Digits 9–14 are not a real CPNS start month after the 15th birthday.</summary>
    ServiceStart,

    /// <summary>Digit 15 is neither 1 nor 2.</summary>
    Sex,

    /// <summary>Digits 16–18 are 000.</summary>
    Sequence,
}

/// <summary>Bilingual messages for <see cref="NipError"/>.</summary>
public static class NipErrors
{
    /// <summary>The message in Bahasa Indonesia (<c>id</c>) or English (any other language).</summary>
    public static string Message(NipError error, string language) => (error, language == "id") switch
    {
        (NipError.Shape, true) => "NIP harus terdiri dari 18 angka.",
        (NipError.Shape, false) => "A NIP must be 18 digits.",
        (NipError.BirthDate, true) => "8 angka pertama NIP bukan tanggal lahir yang valid (YYYYMMDD).",
        (NipError.BirthDate, false) => "The first 8 digits of the NIP are not a valid birth date (YYYYMMDD).",
        (NipError.ServiceStart, true) => "Angka ke-9 s.d. 14 NIP bukan TMT CPNS yang valid (YYYYMM, setelah usia 15 tahun).",
        (NipError.ServiceStart, false) => "Digits 9–14 of the NIP are not a valid CPNS start (YYYYMM, after age 15).",
        (NipError.Sex, true) => "Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).",
        (NipError.Sex, false) => "Digit 15 of the NIP must be 1 (male) or 2 (female).",
        (NipError.Sequence, true) => "Nomor urut NIP (3 angka terakhir) tidak boleh 000.",
        (NipError.Sequence, false) => "The NIP sequence number (last 3 digits) cannot be 000.",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}

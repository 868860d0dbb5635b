namespace KinerjaFlow.Runtime.Tenancy;

/// <summary>One pemda (pemerintah daerah): a province, kabupaten or kota.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Short stable name used in logins and URLs, e.g. <c>kotalama</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public TenantKind Kind { get; set; } = TenantKind.Kota;

    /// <summary>Per-pemda settings, stored as one JSON document (jsonb on PostgreSQL).</summary>
    public TenantSettings Settings { get; set; } = new();

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

public enum TenantKind
{
    Provinsi,
    Kabupaten,
    Kota,
}

/// <summary>Settings a pemda changes without code.</summary>
public sealed class TenantSettings
{
    /// <summary>Days of the week its offices work; Monday to Friday by default.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>How often SKP is evaluated during the year: Bulanan, Triwulanan or Semesteran.</summary>
    public string AppraisalPeriod { get; set; } = "Semesteran";

    /// <summary>Whether appraisals include 360° feedback from peers and subordinates.</summary>
    public bool Uses360Feedback { get; set; }

    /// <summary>The pemda's offset from UTC: 7 (WIB), 8 (WITA) or 9 (WIT); timers in working days fall due in local time.</summary>
    public int UtcOffsetHours { get; set; } = 7;

    /// <summary>The pemda's time zone, from <see cref="UtcOffsetHours"/>.</summary>
    public TimeZoneInfo TimeZone() => UtcOffsetHours switch
    {
        8 => TimeZoneInfo.CreateCustomTimeZone("WITA", TimeSpan.FromHours(8), "WITA (UTC+8)", "WITA"),
        9 => TimeZoneInfo.CreateCustomTimeZone("WIT", TimeSpan.FromHours(9), "WIT (UTC+9)", "WIT"),
        _ => Engine.Calendar.WorkingDayCalendar.Wib,
    };
}

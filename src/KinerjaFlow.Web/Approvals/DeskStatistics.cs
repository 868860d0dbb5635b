using System.Globalization;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>One week of an approver's work: tasks completed, and the median hours from arrival to decision.</summary>
public sealed record WeekStat(DateOnly WeekStart, string Label, int Completed, double MedianHours);

/// <summary>The home page's numbers for the signed-in user.</summary>
public sealed record DeskSummary(InboxCounts Counts, IReadOnlyList<WeekStat> Weeks)
{
    /// <summary>Whether the user decided anything in the period (the approver's charts are shown then).</summary>
    public bool IsApprover => Weeks.Any(w => w.Completed > 0);
}

/// <summary>The Beranda figures: open and overdue tasks, requests in progress, and per week the tasks the user completed and the median time to decision.</summary>
public sealed class DeskStatistics(CurrentUser user, KinerjaFlowDbContext db, TaskDesk desk, TimeProvider clock)
{
    /// <summary>How many weeks the charts cover, this one included.</summary>
    public const int Weeks = 8;

    public async Task<DeskSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        var counts = await desk.CountsAsync(cancellationToken);
        return new DeskSummary(counts, await WeeksAsync(cancellationToken));
    }

    private async Task<IReadOnlyList<WeekStat>> WeeksAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = monday.AddDays(-7 * (Weeks - 1));
        List<(DateTime Created, DateTime Completed)> done = [];
        if (user.TenantId is not null && user.EmployeeId is { } me)
        {
            var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            // The user's decisions in the period; their own revisions of their own requests are not decisions.
            done = [.. (await db.Tasks.AsNoTracking()
                .Where(t => t.Status == WorkflowTaskStatus.Completed && t.CompletedAt >= from && t.CompletedByEmployeeId == me && t.InitiatorEmployeeId != me)
                .Select(t => new { t.CreatedAt, t.CompletedAt })
                .ToListAsync(cancellationToken)).Select(t => (t.CreatedAt, t.CompletedAt!.Value))];
        }

        var culture = CultureInfo.CurrentUICulture;
        return [.. Enumerable.Range(0, Weeks).Select(w =>
        {
            var start = first.AddDays(7 * w);
            var hours = done.Where(d => DateOnly.FromDateTime(d.Completed) >= start && DateOnly.FromDateTime(d.Completed) < start.AddDays(7))
                .Select(d => (d.Completed - d.Created).TotalHours).Order().ToList();
            return new WeekStat(start, start.ToString("d MMM", culture), hours.Count, Median(hours));
        })];
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? 0
        : sorted.Count % 2 == 1 ? Math.Round(sorted[sorted.Count / 2], 1)
        : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 1);
}

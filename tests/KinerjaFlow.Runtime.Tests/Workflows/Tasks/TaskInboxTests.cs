using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows.Tasks;

/// <summary>The inbox queries: who sees what, filters, the three sorts with keyset paging, counts and isolation.</summary>
public abstract class TaskInboxTests(TestDatabase database) : DatabaseTests(database), IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(new DateTimeOffset(T0.AddHours(100)));

    private ServiceProvider? _runtime;

    private sealed record Seeded(Guid Tenant, Guid Approver, Guid Other, Guid UnitA, Guid UnitB, Guid InitiatorA, Guid InitiatorB, string Role, List<WorkflowTask> Tasks);

    public void Dispose()
    {
        _runtime?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Tasks written directly (the runner makes them one by one; these tests are about reading).</summary>
    private async Task<Seeded> SeedAsync(string slug, Guid? approver = null)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var db = Database.CreateContext(tenant);
        var instance = new StoredInstance { DefinitionId = "uji-kotak", State = "{}", Status = InstanceStatus.Suspended };
        db.Instances.Add(instance);
        var (me, other, unitA, unitB, initA, initB) = (approver ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var tasks = new List<WorkflowTask>();
        // A role of this seed only, so seeds of other tests in the same pemda stay out of the way.
        var role = "Verifikator-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 40; i++)
        {
            // Every fourth pair shares a creation time, so the id decides the order between them.
            var created = T0.AddMinutes(i / 2 * 10);
            tasks.Add(Task(instance.Id, i, created, me, null, null, i % 3 == 0 ? "cuti" : "diklat", i % 2 == 0 ? unitA : unitB, i % 2 == 0 ? initA : initB,
                i % 5 == 0 ? null : T0.AddHours(i * 5)));
        }

        // Role tasks: two in the approver's unit (theirs), two in another unit (not theirs).
        tasks.Add(Task(instance.Id, 100, T0.AddMinutes(3), null, role, unitA, "cuti", unitB, initB, T0.AddHours(99)));
        tasks.Add(Task(instance.Id, 101, T0.AddMinutes(4), null, role, null, "cuti", unitB, initB, null));
        tasks.Add(Task(instance.Id, 102, T0.AddMinutes(5), null, role, unitB, "cuti", unitB, initB, null));
        tasks.Add(Task(instance.Id, 103, T0.AddMinutes(6), null, "Bendahara", null, "cuti", unitB, initB, null));
        // A group task claimed by someone else (not theirs to see) and one claimed by the approver.
        var claimedByOther = Task(instance.Id, 107, T0.AddMinutes(10), null, role, null, "cuti", unitB, initB, null);
        claimedByOther.ClaimedByEmployeeId = other;
        tasks.Add(claimedByOther);
        var claimedByMe = Task(instance.Id, 108, T0.AddMinutes(11), null, role, null, "cuti", unitB, initB, null);
        claimedByMe.ClaimedByEmployeeId = me;
        tasks.Add(claimedByMe);
        // Someone else's, and closed ones of the approver.
        tasks.Add(Task(instance.Id, 104, T0.AddMinutes(7), other, null, null, "cuti", unitA, initA, null));
        var done = Task(instance.Id, 105, T0.AddMinutes(8), me, null, null, "cuti", unitA, initA, T0.AddHours(1));
        done.Status = WorkflowTaskStatus.Completed;
        done.Outcome = "Setuju";
        done.CompletedAt = T0.AddHours(2);
        tasks.Add(done);
        var cancelled = Task(instance.Id, 106, T0.AddMinutes(9), me, null, null, "cuti", unitA, initA, null);
        cancelled.Status = WorkflowTaskStatus.Cancelled;
        tasks.Add(cancelled);
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync();
        return new Seeded(tenant, me, other, unitA, unitB, initA, initB, role, tasks);
    }

    private static WorkflowTask Task(Guid instanceId, int n, DateTime created, Guid? assignee, string? role, Guid? roleUnit, string definition, Guid unit, Guid initiator, DateTime? due) => new()
    {
        InstanceId = instanceId, BookmarkId = $"b{n}", ActivityId = "periksa", DefinitionId = definition, DefinitionName = definition == "cuti" ? "Cuti Tahunan" : "Usulan Diklat",
        Title = $"Tugas {n}", Outcomes = "[\"Setuju\",\"Tolak\"]", CommentRequired = n % 4 == 1 ? "[\"Setuju\"]" : "[\"Tolak\"]",
        AssigneeEmployeeId = assignee, AssigneeRole = role, AssigneeUnitId = roleUnit, InitiatorEmployeeId = initiator, InitiatorName = $"Pengaju {n}",
        InitiatorNip = "199001012015031001", InitiatorUnitId = unit, InitiatorUnitName = "Dinas Uji", Status = WorkflowTaskStatus.Open, CreatedAt = created, DueAt = due,
    };

    private AsyncServiceScope Scope(Guid tenant)
    {
        _runtime ??= DurableRuntimeTests.NewRuntime(Database, s => s.AddSingleton<TimeProvider>(_clock));
        var scope = _runtime.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = tenant;
        return scope;
    }

    /// <summary>What the approver may act on: open, theirs or their role's in their unit, not claimed by someone else.</summary>
    private static bool IsMine(Seeded seeded, WorkflowTask t) => t.Status == WorkflowTaskStatus.Open
        && (t.AssigneeEmployeeId == seeded.Approver
            || (t.AssigneeRole == seeded.Role && (t.AssigneeUnitId is null || t.AssigneeUnitId == seeded.UnitA) && (t.ClaimedByEmployeeId is null || t.ClaimedByEmployeeId == seeded.Approver)));

    private static TaskActor Approver(Seeded seeded) => new("penyetuju", seeded.Approver, [seeded.Role], seeded.UnitA);

    private static async Task<List<InboxItem>> AllPagesAsync(Func<string?, Task<InboxPage>> page)
    {
        var items = new List<InboxItem>();
        string? cursor = null;
        var guard = 0;
        do
        {
            var next = await page(cursor);
            Assert.True(next.Items.Count > 0 || next.NextCursor is null);
            items.AddRange(next.Items);
            cursor = next.NextCursor;
            Assert.True(++guard < 100, "paging does not end");
        }
        while (cursor is not null);
        return items;
    }

    [SkippableFact]
    public async Task The_inbox_shows_open_tasks_of_the_person_and_of_roles_they_hold_in_their_unit_and_nothing_else()
    {
        var seeded = await SeedAsync("kotalama");
        await using var scope = Scope(seeded.Tenant);
        var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();

        var page = await inbox.MineAsync(Approver(seeded), new InboxFilter(PageSize: 100), CancellationToken.None);

        var expected = seeded.Tasks.Where(t => IsMine(seeded, t)).Select(t => t.Id).ToHashSet();
        Assert.Equal(43, expected.Count);
        Assert.Contains(page.Items, i => i.Title == "Tugas 108");
        Assert.DoesNotContain(page.Items, i => i.Title == "Tugas 107");
        Assert.Equal(expected, page.Items.Select(i => i.TaskId).ToHashSet());
        Assert.Null(page.NextCursor);
        var item = page.Items.Single(i => i.Title == "Tugas 1");
        Assert.Equal(("Usulan Diklat", "Pengaju 1", "199001012015031001", seeded.UnitB, "Dinas Uji"), (item.DefinitionName, item.InitiatorName, item.InitiatorNip, item.InitiatorUnitId, item.InitiatorUnitName));
        Assert.Equal([new InboxOutcome("Setuju", true), new InboxOutcome("Tolak", false)], item.Outcomes);
        Assert.False(item.CanBulkApprove);
        Assert.True(page.Items.Single(i => i.Title == "Tugas 2").CanBulkApprove);

        var stranger = new TaskActor("orang lain", Guid.NewGuid(), [seeded.Role], Guid.NewGuid());
        var theirs = await inbox.MineAsync(stranger, new InboxFilter(PageSize: 100), CancellationToken.None);
        Assert.Equal(["Tugas 101"], theirs.Items.Select(i => i.Title));
    }

    [SkippableFact]
    public async Task A_role_holders_own_request_is_offered_to_the_other_holders_not_to_them()
    {
        var seeded = await SeedAsync("kotalama");
        await using (var db = Database.CreateContext(seeded.Tenant))
        {
            db.Tasks.Add(Task(seeded.Tasks[0].InstanceId, 109, T0.AddMinutes(12), null, seeded.Role, null, "cuti", seeded.UnitA, seeded.Approver, null));
            await db.SaveChangesAsync();
        }

        await using var scope = Scope(seeded.Tenant);
        var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();

        var mine = await inbox.MineAsync(Approver(seeded), new InboxFilter(PageSize: 100), CancellationToken.None);
        var colleague = await inbox.MineAsync(new TaskActor("rekan", Guid.NewGuid(), [seeded.Role], seeded.UnitA), new InboxFilter(PageSize: 100), CancellationToken.None);

        Assert.DoesNotContain(mine.Items, i => i.Title == "Tugas 109");
        Assert.Contains(colleague.Items, i => i.Title == "Tugas 109");
    }

    [SkippableFact]
    public async Task Keyset_paging_walks_every_task_once_in_the_order_of_each_sort()
    {
        var seeded = await SeedAsync("palangkaraya");
        await using var scope = Scope(seeded.Tenant);
        var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();
        var actor = Approver(seeded);
        var mine = seeded.Tasks.Where(t => IsMine(seeded, t)).ToList();

        foreach (var sort in Enum.GetValues<InboxSort>())
        {
            var walked = await AllPagesAsync(cursor => inbox.MineAsync(actor, new InboxFilter(Sort: sort, Cursor: cursor, PageSize: 7), CancellationToken.None));
            Assert.Equal(mine.Count, walked.Count);
            Assert.Equal(mine.Count, walked.Select(i => i.TaskId).Distinct().Count());
            var times = walked.Select(i => sort == InboxSort.DueSoonest ? (i.DueAt ?? DateTime.MaxValue) : i.CreatedAt).ToList();
            var ordered = sort == InboxSort.Newest ? times.OrderByDescending(t => t).ToList() : times.Order().ToList();
            Assert.Equal(ordered, times);
            if (sort == InboxSort.DueSoonest)
            {
                // Undated tasks come last, oldest first.
                var undated = walked.Where(i => i.DueAt is null).Select(i => i.CreatedAt).ToList();
                Assert.Equal(undated.Order(), undated);
                Assert.All(walked.SkipWhile(i => i.DueAt is not null), i => Assert.Null(i.DueAt));
            }
        }

        var first = await inbox.MineAsync(actor, new InboxFilter(Sort: InboxSort.Oldest, PageSize: 7), CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => inbox.MineAsync(actor, new InboxFilter(Sort: InboxSort.Newest, Cursor: first.NextCursor), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => inbox.MineAsync(actor, new InboxFilter(Cursor: "bukan-penanda"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Filters_narrow_the_inbox_and_the_admin_view_by_workflow_unit_initiator_due_and_status()
    {
        var seeded = await SeedAsync("tangsel");
        await using var scope = Scope(seeded.Tenant);
        var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();
        var actor = Approver(seeded);
        var now = _clock.Now.UtcDateTime;
        var mine = seeded.Tasks.Where(t => IsMine(seeded, t)).ToList();

        async Task Check(InboxFilter filter, Func<WorkflowTask, bool> expected)
        {
            var got = await AllPagesAsync(c => inbox.MineAsync(actor, filter with { Cursor = c, PageSize = 9 }, CancellationToken.None));
            var want = mine.Where(expected).Select(t => t.Id).ToHashSet();
            Assert.NotEmpty(want);
            Assert.Equal(want, got.Select(i => i.TaskId).ToHashSet());
        }

        await Check(new InboxFilter(DefinitionId: "cuti"), t => t.DefinitionId == "cuti");
        await Check(new InboxFilter(InitiatorUnitId: seeded.UnitA), t => t.InitiatorUnitId == seeded.UnitA);
        await Check(new InboxFilter(InitiatorEmployeeId: seeded.InitiatorB, DefinitionId: "diklat"), t => t.InitiatorEmployeeId == seeded.InitiatorB && t.DefinitionId == "diklat");
        await Check(new InboxFilter(DueBefore: T0.AddHours(50)), t => t.DueAt < T0.AddHours(50));
        await Check(new InboxFilter(OverdueOnly: true, Sort: InboxSort.DueSoonest), t => t.DueAt < now);
        var overdue = await inbox.MineAsync(actor, new InboxFilter(OverdueOnly: true, PageSize: 100), CancellationToken.None);
        Assert.All(overdue.Items, i => Assert.Equal(SlaStatus.Overdue, i.Sla));

        // The admin view: every task of the pemda, any status unless one is asked for.
        var all = await AllPagesAsync(c => inbox.AllAsync(new InboxFilter(Cursor: c, PageSize: 10), CancellationToken.None));
        Assert.Equal(seeded.Tasks.Select(t => t.Id).ToHashSet(), all.Select(i => i.TaskId).ToHashSet());
        var completed = await inbox.AllAsync(new InboxFilter(Status: WorkflowTaskStatus.Completed), CancellationToken.None);
        var line = Assert.Single(completed.Items);
        Assert.Equal(("Setuju", SlaStatus.Overdue, false), (line.Outcome, line.Sla, line.CanBulkApprove));
        var openOfUnit = await inbox.AllAsync(new InboxFilter(Status: WorkflowTaskStatus.Open, InitiatorUnitId: seeded.UnitB, DefinitionId: "cuti", PageSize: 100), CancellationToken.None);
        Assert.Equal(seeded.Tasks.Count(t => t.Status == WorkflowTaskStatus.Open && t.InitiatorUnitId == seeded.UnitB && t.DefinitionId == "cuti"), openOfUnit.Items.Count);
    }

    [SkippableFact]
    public async Task Counts_give_open_overdue_and_due_soon_and_stop_at_the_cap()
    {
        var seeded = await SeedAsync("banjarbaru");
        await using var scope = Scope(seeded.Tenant);
        var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();
        var now = _clock.Now.UtcDateTime;
        var mine = seeded.Tasks.Where(t => IsMine(seeded, t)).ToList();

        var counts = await inbox.CountsAsync(Approver(seeded), CancellationToken.None);

        Assert.Equal(new CappedCount(mine.Count, false), counts.Open);
        Assert.Equal(mine.Count(t => t.DueAt < now), counts.Overdue.Value);
        Assert.Equal(mine.Count(t => t.DueAt >= now && t.DueAt < now + TaskInbox.DueSoonWindow), counts.DueSoon.Value);
        Assert.True(counts.DueSoon.Value > 0 && counts.Overdue.Value > 0);
        Assert.Equal(0, counts.MyRequestsInProgress.Value);

        await using (var db = Database.CreateContext(seeded.Tenant))
        {
            var instanceId = seeded.Tasks[0].InstanceId;
            db.Tasks.AddRange(Enumerable.Range(1000, TaskInbox.CountCap).Select(n => Task(instanceId, n, T0, seeded.Approver, null, null, "cuti", seeded.UnitA, seeded.InitiatorA, null)));
            await db.SaveChangesAsync();
        }

        var capped = await inbox.CountsAsync(Approver(seeded), CancellationToken.None);
        Assert.Equal((TaskInbox.CountCap, true, "1000+"), (capped.Open.Value, capped.Open.Capped, capped.Open.Display));
        Assert.Equal(TaskInbox.MaxPageSize, (await inbox.AllAsync(new InboxFilter(PageSize: 5000), CancellationToken.None)).Items.Count);
    }

    [SkippableFact]
    public async Task Another_pemdas_tasks_never_appear_even_for_the_same_person()
    {
        var approver = Guid.NewGuid();
        var here = await SeedAsync("semarang", approver);
        var there = await SeedAsync("kotalama", approver);
        await using var scope = Scope(here.Tenant);
        var inbox = scope.ServiceProvider.GetRequiredService<TaskInbox>();
        var actor = new TaskActor("penyetuju", approver, [here.Role, there.Role], null);

        var mine = await AllPagesAsync(c => inbox.MineAsync(actor, new InboxFilter(Cursor: c, PageSize: 50), CancellationToken.None));
        var all = await AllPagesAsync(c => inbox.AllAsync(new InboxFilter(Cursor: c, PageSize: 50), CancellationToken.None));

        var foreign = there.Tasks.Select(t => t.Id).ToHashSet();
        Assert.NotEmpty(mine);
        Assert.DoesNotContain(mine, i => foreign.Contains(i.TaskId));
        Assert.DoesNotContain(all, i => foreign.Contains(i.TaskId));
        Assert.Null(await inbox.GetAsync(there.Tasks[0].Id, actor, overseer: true, CancellationToken.None));
        Assert.NotNull(await inbox.GetAsync(here.Tasks[0].Id, actor, overseer: false, CancellationToken.None));
    }
}

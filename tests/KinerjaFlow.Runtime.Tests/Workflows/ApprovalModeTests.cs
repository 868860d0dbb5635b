using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KinerjaFlow.Runtime.Tests.Workflows.TaskPeople;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>Committee tasks in every mode: one row per member, the answers aggregated, the bookmark resumed once.</summary>
public abstract class ApprovalModeTests(TestDatabase database) : DatabaseTests(database)
{
    private sealed record Setup(AsyncServiceScope Scope, IServiceProvider Services, InstanceRunner Runner, Employee Pegawai, List<Employee> Members) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }

    /// <summary>A committee of three inspectors named <paramref name="code"/> and a one-task workflow for it in <paramref name="mode"/>.</summary>
    private async Task<Setup> SetupAsync(string slug, string code, string mode, int? quorum = null)
    {
        var scope = Database.Scope(await Database.TenantIdAsync(slug));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var members = await InspectorsAsync(db, 3);
        await services.GetRequiredService<CommitteeDirectory>().CreateAsync(code, "Tim " + code, [.. members.Select(m => m.Id)], CancellationToken.None);
        await DurableRuntimeTests.PublishAsync(services, OneTask("tim-" + code.ToLowerInvariant(), Rule("committee", "committee", code), mode, quorum));
        return new Setup(scope, services, services.GetRequiredService<InstanceRunner>(), await ByEmailAsync(db, slug, "pegawai"), members);
    }

    private static async Task<Guid> StartAsync(Setup setup, string code) =>
        (await setup.Runner.StartAsync("tim-" + code.ToLowerInvariant(), new WorkflowInput(), new StartOptions(setup.Pegawai.Id), CancellationToken.None)).InstanceId;

    private static async Task<WorkflowTask> TaskOfAsync(Setup setup, Guid instanceId, Employee member) =>
        (await TasksAsync(setup.Services, instanceId)).Single(t => t.AssigneeEmployeeId == member.Id);

    private static async Task<InstanceState> AnswerAsync(Setup setup, Guid instanceId, Employee member, string outcome, string? comment = null) =>
        await setup.Runner.CompleteTaskAsync((await TaskOfAsync(setup, instanceId, member)).Id, outcome, comment, Actor(member), CancellationToken.None);

    [SkippableFact]
    public async Task Any_of_a_committee_the_first_answer_decides_and_the_others_are_cancelled()
    {
        await using var setup = await SetupAsync("kotalama", "TPK-ANY", "anyOf");
        var id = await StartAsync(setup, "TPK-ANY");
        var tasks = await TasksAsync(setup.Services, id);
        Assert.Equal(setup.Members.Select(m => (Guid?)m.Id), tasks.Select(t => t.AssigneeEmployeeId));
        Assert.All(tasks, t => Assert.Equal((WorkflowTaskStatus.Open, ApprovalMode.AnyOf, tasks[0].BookmarkId), (t.Status, t.Mode, t.BookmarkId)));

        var state = await AnswerAsync(setup, id, setup.Members[1], "Setuju");

        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (state.Status, state.Outcome));
        var after = await TasksAsync(setup.Services, id);
        Assert.Equal([WorkflowTaskStatus.Cancelled, WorkflowTaskStatus.Completed, WorkflowTaskStatus.Cancelled], after.Select(t => t.Status));
        Assert.Equal((setup.Members[1].Id, true), (after[1].CompletedByEmployeeId, after[1].Approved));
        Assert.Single(await JournalAsync(setup.Services, id), e => e.Event == JournalEvent.Resumed);
    }

    [SkippableFact]
    public async Task All_of_a_committee_waits_for_every_approval_and_any_rejection_decides_at_once()
    {
        await using var setup = await SetupAsync("palangkaraya", "TPK-ALL", "allOf");
        var id = await StartAsync(setup, "TPK-ALL");

        Assert.Equal(InstanceStatus.Suspended, (await AnswerAsync(setup, id, setup.Members[0], "Setuju", "ok")).Status);
        Assert.Equal(InstanceStatus.Suspended, (await AnswerAsync(setup, id, setup.Members[2], "Setuju")).Status);
        var answered = (await JournalAsync(setup.Services, id)).Where(e => e.Event == JournalEvent.Answered).ToList();
        Assert.Equal(["Setuju (1 dari 3 menjawab / 1 of 3 answered)", "Setuju (2 dari 3 menjawab / 2 of 3 answered)"], answered.Select(e => e.Detail));
        // A refused answer (no comment for Tolak) changes nothing.
        await Assert.ThrowsAsync<ArgumentException>(() => AnswerAsync(setup, id, setup.Members[1], "Tolak"));
        Assert.Equal(WorkflowTaskStatus.Open, (await TaskOfAsync(setup, id, setup.Members[1])).Status);
        var done = await AnswerAsync(setup, id, setup.Members[1], "Setuju");
        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (done.Status, done.Outcome));
        Assert.All(await TasksAsync(setup.Services, id), t => Assert.Equal((WorkflowTaskStatus.Completed, "Setuju"), (t.Status, t.Outcome)));

        var early = await StartAsync(setup, "TPK-ALL");
        await AnswerAsync(setup, early, setup.Members[0], "Setuju");
        var rejected = await AnswerAsync(setup, early, setup.Members[1], "Tolak", "Berkas tidak lengkap");
        Assert.Equal((InstanceStatus.Completed, "Ditolak"), (rejected.Status, rejected.Outcome));
        Assert.Equal([WorkflowTaskStatus.Completed, WorkflowTaskStatus.Completed, WorkflowTaskStatus.Cancelled], (await TasksAsync(setup.Services, early)).Select(t => t.Status));
    }

    [SkippableFact]
    public async Task A_quorum_decides_when_n_answers_agree()
    {
        await using var setup = await SetupAsync("tangsel", "TPK-Q", "quorum", quorum: 2);
        var id = await StartAsync(setup, "TPK-Q");
        Assert.All(await TasksAsync(setup.Services, id), t => Assert.Equal((ApprovalMode.Quorum, (int?)2), (t.Mode, t.Quorum)));

        await AnswerAsync(setup, id, setup.Members[0], "Setuju");
        Assert.Equal(InstanceStatus.Suspended, (await AnswerAsync(setup, id, setup.Members[1], "Tolak", "tidak sesuai")).Status);
        var decided = await AnswerAsync(setup, id, setup.Members[2], "Setuju");
        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (decided.Status, decided.Outcome));

        var rejected = await StartAsync(setup, "TPK-Q");
        await AnswerAsync(setup, rejected, setup.Members[2], "Tolak", "a");
        var no = await AnswerAsync(setup, rejected, setup.Members[0], "Tolak", "b");
        Assert.Equal("Ditolak", no.Outcome);
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await TaskOfAsync(setup, rejected, setup.Members[1])).Status);
    }

    [SkippableFact]
    public async Task A_sequential_committee_passes_the_task_on_in_member_order_and_a_rejection_ends_it()
    {
        await using var setup = await SetupAsync("semarang", "TPK-SEQ", "sequential");
        var id = await StartAsync(setup, "TPK-SEQ");
        Assert.Equal([WorkflowTaskStatus.Open, WorkflowTaskStatus.Pending, WorkflowTaskStatus.Pending], (await TasksAsync(setup.Services, id)).Select(t => t.Status));
        // The second member cannot act before their turn.
        await Assert.ThrowsAsync<InstanceConflictException>(() => AnswerAsync(setup, id, setup.Members[1], "Setuju"));

        await AnswerAsync(setup, id, setup.Members[0], "Setuju");
        Assert.Equal([WorkflowTaskStatus.Completed, WorkflowTaskStatus.Open, WorkflowTaskStatus.Pending], (await TasksAsync(setup.Services, id)).Select(t => t.Status));
        await AnswerAsync(setup, id, setup.Members[1], "Setuju");
        var done = await AnswerAsync(setup, id, setup.Members[2], "Setuju");
        Assert.Equal("Disetujui", done.Outcome);

        var second = await StartAsync(setup, "TPK-SEQ");
        await AnswerAsync(setup, second, setup.Members[0], "Setuju");
        var rejected = await AnswerAsync(setup, second, setup.Members[1], "Tolak", "anggaran tidak tersedia");
        Assert.Equal("Ditolak", rejected.Outcome);
        Assert.Equal([WorkflowTaskStatus.Completed, WorkflowTaskStatus.Completed, WorkflowTaskStatus.Cancelled], (await TasksAsync(setup.Services, second)).Select(t => t.Status));
    }

    [SkippableFact]
    public async Task Concurrent_answers_to_one_committee_task_resume_it_exactly_once()
    {
        string code = "TPK-PAR";
        Guid id;
        List<Employee> members;
        await using (var setup = await SetupAsync("banjarbaru", code, "anyOf"))
        {
            id = await StartAsync(setup, code);
            members = setup.Members;
        }

        var tenant = await Database.TenantIdAsync("banjarbaru");
        var successes = 0;
        var conflicts = 0;
        // Every member twice at once, each through their own scope, like separate requests.
        await Parallel.ForEachAsync(members.Concat(members), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (member, ct) =>
        {
            await using var scope = Database.Scope(tenant);
            var services = scope.ServiceProvider;
            var task = (await TasksAsync(services, id)).Single(t => t.AssigneeEmployeeId == member.Id);
            try
            {
                await services.GetRequiredService<InstanceRunner>().CompleteTaskAsync(task.Id, "Setuju", null, Actor(member), ct);
                Interlocked.Increment(ref successes);
            }
            catch (InstanceConflictException)
            {
                Interlocked.Increment(ref conflicts);
            }
        });

        Assert.Equal((1, 5), (successes, conflicts));
        await using var check = Database.Scope(tenant);
        Assert.Single(await JournalAsync(check.ServiceProvider, id), e => e.Event == JournalEvent.Resumed);
        var tasks = await TasksAsync(check.ServiceProvider, id);
        Assert.Equal((1, 2), (tasks.Count(t => t.Status == WorkflowTaskStatus.Completed), tasks.Count(t => t.Status == WorkflowTaskStatus.Cancelled)));
    }

    [SkippableFact]
    public async Task Concurrent_approvals_of_an_all_of_task_are_never_lost_and_decide_once()
    {
        const string code = "TPK-ALL-PAR";
        Guid id;
        List<Employee> members;
        await using (var setup = await SetupAsync("banjarbaru", code, "allOf"))
        {
            id = await StartAsync(setup, code);
            members = setup.Members;
        }

        var tenant = await Database.TenantIdAsync("banjarbaru");
        var pending = new System.Collections.Concurrent.ConcurrentBag<Employee>(members);
        // Everyone approves at once; whoever meets a conflict tries again, as a user would after reloading.
        for (var round = 0; round < 5 && !pending.IsEmpty; round++)
        {
            var now = pending.ToList();
            pending.Clear();
            await Parallel.ForEachAsync(now, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (member, ct) =>
            {
                await using var scope = Database.Scope(tenant);
                var task = (await TasksAsync(scope.ServiceProvider, id)).Single(t => t.AssigneeEmployeeId == member.Id);
                try
                {
                    await scope.ServiceProvider.GetRequiredService<InstanceRunner>().CompleteTaskAsync(task.Id, "Setuju", null, Actor(member), ct);
                }
                catch (InstanceConflictException)
                {
                    pending.Add(member);
                }
            });
        }

        Assert.Empty(pending);
        await using var check = Database.Scope(tenant);
        var journal = await JournalAsync(check.ServiceProvider, id);
        Assert.Single(journal, e => e.Event == JournalEvent.Resumed);
        Assert.Equal(2, journal.Count(e => e.Event == JournalEvent.Answered));
        Assert.Equal(InstanceStatus.Completed, (await check.ServiceProvider.GetRequiredService<InstanceRunner>().GetAsync(id, CancellationToken.None))!.Status);
        Assert.All(await TasksAsync(check.ServiceProvider, id), t => Assert.Equal((WorkflowTaskStatus.Completed, true), (t.Status, t.Approved)));
    }

    [SkippableFact]
    public async Task When_a_committee_decides_a_parallel_one_person_task_cut_off_by_the_join_is_cancelled_too()
    {
        await using var setup = await SetupAsync("semarang", "TPK-FORK", "anyOf");
        var atasan = await ByEmailAsync(setup.Services.GetRequiredService<KinerjaFlowDbContext>(), "semarang", "atasan");
        var definition = Engine.Definitions.WorkflowJson.Deserialize($$$"""
            {
              "definitionId": "tim-fork", "version": 1, "name": "Tim atau atasan",
              "activities": [
                {"id": "mulai", "type": "Start"},
                {"id": "bagi", "type": "Fork"},
                {"id": "tim", "type": "UserTask", "properties": {"assignee": {"kind": "committee", "committee": "TPK-FORK"}, "mode": "anyOf", "outcomes": ["Setuju"]}},
                {"id": "atasan", "type": "UserTask", "properties": {"assignee": {"kind": "employee", "nip": "{{{atasan.Nip}}}"}, "outcomes": ["Setuju"]}},
                {"id": "gabung", "type": "Join", "properties": {"mode": "waitAny"}},
                {"id": "selesai", "type": "End", "properties": {"outcome": "Disetujui"}}
              ],
              "connections": [
                {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "bagi", "port": "In"}},
                {"source": {"activity": "bagi", "port": "Done"}, "target": {"activity": "tim", "port": "In"}},
                {"source": {"activity": "bagi", "port": "Done"}, "target": {"activity": "atasan", "port": "In"}},
                {"source": {"activity": "tim", "port": "Setuju"}, "target": {"activity": "gabung", "port": "In"}},
                {"source": {"activity": "atasan", "port": "Setuju"}, "target": {"activity": "gabung", "port": "In"}},
                {"source": {"activity": "gabung", "port": "Done"}, "target": {"activity": "selesai", "port": "In"}}
              ]
            }
            """);
        await DurableRuntimeTests.PublishAsync(setup.Services, definition);
        var (id, _) = await setup.Runner.StartAsync("tim-fork", new WorkflowInput(), new StartOptions(setup.Pegawai.Id), CancellationToken.None);
        Assert.Equal(4, (await TasksAsync(setup.Services, id)).Count(t => t.Status == WorkflowTaskStatus.Open));

        // A fresh unit of work, as a request is: nothing of the instance is tracked yet.
        await using var request = Database.Scope(await Database.TenantIdAsync("semarang"));
        var mine = (await TasksAsync(request.ServiceProvider, id)).Single(t => t.AssigneeEmployeeId == setup.Members[0].Id);
        var done = await request.ServiceProvider.GetRequiredService<InstanceRunner>().CompleteTaskAsync(mine.Id, "Setuju", null, Actor(setup.Members[0]), CancellationToken.None);

        Assert.Equal(InstanceStatus.Completed, done.Status);
        var tasks = await TasksAsync(setup.Services, id);
        Assert.Equal(WorkflowTaskStatus.Cancelled, tasks.Single(t => t.ActivityId == "atasan").Status);
        Assert.Equal([WorkflowTaskStatus.Completed, WorkflowTaskStatus.Cancelled, WorkflowTaskStatus.Cancelled], tasks.Where(t => t.ActivityId == "tim").Select(t => t.Status));
    }

    [SkippableFact]
    public async Task Committees_are_kept_per_pemda_with_members_in_order_and_bad_input_is_refused()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("kotalama"));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var committees = services.GetRequiredService<CommitteeDirectory>();
        var people = await InspectorsAsync(db, 3);
        var made = await committees.CreateAsync("TIM-PEMERIKSA", "Tim Pemeriksa", [people[2].Id, people[0].Id], CancellationToken.None);
        Assert.Equal([people[2].Id, people[0].Id], made.Members.Select(m => m.EmployeeId));

        var changed = await committees.UpdateAsync(made.Id, "Tim Pemeriksa Disiplin", [people[0].Id, people[1].Id, people[2].Id], CancellationToken.None);
        Assert.Equal("Tim Pemeriksa Disiplin", changed.Name);
        Assert.Equal([people[0].Id, people[1].Id, people[2].Id], changed.Members.Select(m => m.EmployeeId));

        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => committees.CreateAsync("TIM-PEMERIKSA", "lagi", [people[0].Id], CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => committees.CreateAsync("tim baru!", "x", [people[0].Id], CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => committees.CreateAsync("TIM-2", "x", [], CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => committees.UpdateAsync(made.Id, "x", [people[0].Id, people[0].Id], CancellationToken.None));
        Guid foreign;
        await using (var other = Database.CreateContext(await Database.TenantIdAsync("semarang")))
            foreign = (await other.Employees.FirstAsync()).Id;
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => committees.UpdateAsync(made.Id, "x", [foreign], CancellationToken.None));
        Assert.Equal(3, (await committees.GetAsync(made.Id, CancellationToken.None))!.Members.Count);

        await using var semarang = Database.Scope(await Database.TenantIdAsync("semarang"));
        Assert.DoesNotContain(await semarang.ServiceProvider.GetRequiredService<CommitteeDirectory>().ListAsync(CancellationToken.None), c => c.Code == "TIM-PEMERIKSA");
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() =>
            semarang.ServiceProvider.GetRequiredService<CommitteeDirectory>().UpdateAsync(made.Id, "x", [foreign], CancellationToken.None));
    }
}

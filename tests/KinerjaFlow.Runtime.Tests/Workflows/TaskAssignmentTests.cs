using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KinerjaFlow.Runtime.Tests.Workflows.TaskPeople;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>Claim and unclaim of group tasks, delegating one task, and segregation of duties in one chain.</summary>
public abstract class TaskAssignmentTests(TestDatabase database) : DatabaseTests(database)
{
    [SkippableFact]
    public async Task A_claimed_role_task_is_actionable_only_by_the_claimer_until_unclaimed()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("kotalama"));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "kotalama", "pegawai");
        var people = await InspectorsAsync(db, 2);
        var (a, b) = (Actor(people[0], "verifikator"), Actor(people[1], "verifikator"));
        var id = await StartAsync(services, OneTask("klaim-1", Rule("role", "role", "verifikator")), pegawai.Id);
        var task = (await TasksAsync(services, id)).Single();
        var assignments = services.GetRequiredService<TaskAssignments>();
        var runner = services.GetRequiredService<InstanceRunner>();

        var claimed = await assignments.ClaimAsync(task.Id, a, CancellationToken.None);
        Assert.Equal((people[0].Id, people[0].Name), (claimed.ClaimedByEmployeeId, claimed.ClaimedByName));
        Assert.Equal(people[0].Id, (await assignments.ClaimAsync(task.Id, a, CancellationToken.None)).ClaimedByEmployeeId);
        var taken = await Assert.ThrowsAsync<TaskAlreadyClaimedException>(() => assignments.ClaimAsync(task.Id, b, CancellationToken.None));
        Assert.Contains(people[0].Name, taken.English, StringComparison.Ordinal);
        var blocked = await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(task.Id, "Setuju", null, b, CancellationToken.None));
        Assert.Contains("claimed", blocked.English, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => assignments.UnclaimAsync(task.Id, b, CancellationToken.None));
        // The initiator holding the role may not take a task of their own request.
        await assignments.UnclaimAsync(task.Id, a, CancellationToken.None);
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => assignments.ClaimAsync(task.Id, Actor(pegawai, "verifikator"), CancellationToken.None));
        Assert.Null((await assignments.GetAsync(task.Id, CancellationToken.None))!.ClaimedByEmployeeId);
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.UnclaimAsync(task.Id, a, CancellationToken.None));

        Assert.Equal("Disetujui", (await runner.CompleteTaskAsync(task.Id, "Setuju", null, b, CancellationToken.None)).Outcome);
        var journal = await JournalAsync(services, id);
        Assert.Equal([JournalEvent.Claimed, JournalEvent.Unclaimed], journal.Where(e => e.Event is JournalEvent.Claimed or JournalEvent.Unclaimed).Select(e => e.Event));
        await Assert.ThrowsAsync<InstanceConflictException>(() => assignments.ClaimAsync(task.Id, a, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Claiming_an_any_of_task_holds_every_member_row_and_a_one_person_task_cannot_be_claimed()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("palangkaraya"));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "palangkaraya", "pegawai");
        var people = await InspectorsAsync(db, 2);
        var rule = new JsonObject { ["kind"] = "expression", ["expression"] = $"['{people[0].Nip}', '{people[1].Nip}']" };
        var id = await StartAsync(services, OneTask("klaim-2", rule, "anyOf"), pegawai.Id);
        var tasks = await TasksAsync(services, id);
        var assignments = services.GetRequiredService<TaskAssignments>();
        var runner = services.GetRequiredService<InstanceRunner>();

        var view = await assignments.ClaimAsync(tasks[0].Id, Actor(people[0]), CancellationToken.None);
        Assert.Equal(2, view.Members.Count);
        Assert.Equal(people[0].Id, (await assignments.GetAsync(tasks[1].Id, CancellationToken.None))!.ClaimedByEmployeeId);
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(tasks[1].Id, "Setuju", null, Actor(people[1]), CancellationToken.None));
        Assert.Equal("Disetujui", (await runner.CompleteTaskAsync(tasks[0].Id, "Setuju", null, Actor(people[0]), CancellationToken.None)).Outcome);

        var single = await StartAsync(services, OneTask("klaim-3", Rule("employee", "nip", people[0].Nip)), pegawai.Id);
        var one = (await TasksAsync(services, single)).Single();
        var refused = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.ClaimAsync(one.Id, Actor(people[0]), CancellationToken.None));
        Assert.Contains("group task", refused.English, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_task_is_delegated_to_an_eligible_employee_with_a_reason_and_refused_otherwise_with_nothing_changed()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("tangsel"));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "tangsel", "pegawai");
        var people = await InspectorsAsync(db, 3);
        var definition = TwoTasks("delegasi-tugas", Rule("employee", "nip", people[0].Nip), Rule("employee", "nip", people[1].Nip));
        var id = await StartAsync(services, definition, pegawai.Id);
        var runner = services.GetRequiredService<InstanceRunner>();
        var assignments = services.GetRequiredService<TaskAssignments>();
        await runner.CompleteTaskAsync((await TasksAsync(services, id)).Single(t => t.ActivityId == "satu").Id, "Setuju", null, Actor(people[0]), CancellationToken.None);
        var task = (await TasksAsync(services, id)).Single(t => t.ActivityId == "dua");
        var holder = Actor(people[1]);
        Guid foreign;
        await using (var other = Database.CreateContext(await Database.TenantIdAsync("semarang")))
            foreign = (await other.Employees.FirstAsync()).Id;

        var self = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.DelegateAsync(task.Id, people[1].Id, null, "cuti", holder, CancellationToken.None));
        Assert.Contains("yourself", self.English, StringComparison.Ordinal);
        var initiator = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.DelegateAsync(task.Id, pegawai.Id, null, "cuti", holder, CancellationToken.None));
        Assert.Contains("initiator", initiator.English, StringComparison.Ordinal);
        var approver = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.DelegateAsync(task.Id, null, people[0].Nip, "cuti", holder, CancellationToken.None));
        Assert.Contains("already approved", approver.English, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.DelegateAsync(task.Id, people[2].Id, null, "  ", holder, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.DelegateAsync(task.Id, foreign, null, "cuti", holder, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => assignments.DelegateAsync(task.Id, null, "199901012020011001", "cuti", holder, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => assignments.DelegateAsync(task.Id, people[2].Id, null, "cuti", Actor(people[2]), CancellationToken.None));
        var unchanged = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal((people[1].Id, (Guid?)null), (unchanged.AssigneeEmployeeId, unchanged.DelegatedFromEmployeeId));
        Assert.DoesNotContain(await JournalAsync(services, id), e => e.Event == JournalEvent.Delegated);

        var moved = await assignments.DelegateAsync(task.Id, null, people[2].Nip, "Dinas luar kota", holder, CancellationToken.None);
        Assert.Equal((people[2].Id, (Guid?)people[1].Id), (moved.AssigneeEmployeeId, moved.DelegatedFromEmployeeId));
        var line = Assert.Single(await JournalAsync(services, id), e => e.Event == JournalEvent.Delegated);
        Assert.Equal($"Didelegasikan dari {people[1].Name} ke {people[2].Name}: Dinas luar kota / Delegated from {people[1].Name} to {people[2].Name}: Dinas luar kota", line.Detail);
        Assert.Equal(people[1].Name, line.Actor);
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(task.Id, "Setuju", null, holder, CancellationToken.None));
        Assert.Equal("Disetujui", (await runner.CompleteTaskAsync(task.Id, "Setuju", null, Actor(people[2]), CancellationToken.None)).Outcome);
    }

    [SkippableFact]
    public async Task An_approver_never_approves_twice_in_one_chain_unless_the_task_allows_it()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("semarang"));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "semarang", "pegawai");
        var atasan = await ByEmailAsync(db, "semarang", "atasan");
        var kepala = await HolderAsync(db, "BKPSDM.KEPALA");
        var runner = services.GetRequiredService<InstanceRunner>();
        var same = Rule("employee", "nip", atasan.Nip);

        // The second step names the person who approved the first: it goes to their superior instead.
        var id = await StartAsync(services, TwoTasks("dua-kali-1", Rule("directSuperior"), same), pegawai.Id);
        await runner.CompleteTaskAsync((await TasksAsync(services, id)).Single().Id, "Setuju", null, Actor(atasan), CancellationToken.None);
        var second = (await TasksAsync(services, id)).Single(t => t.ActivityId == "dua");
        Assert.Equal(kepala.Id, second.AssigneeEmployeeId);
        Assert.Contains(await JournalAsync(services, id), e => e.Event == JournalEvent.Assigned && e.Detail!.Contains("has already approved another step of this request", StringComparison.Ordinal));
        // Even an administrator who approved the first step may not decide the second.
        var asAdmin = new TaskActor(atasan.Name, atasan.Id, [], atasan.UnitId, IsAdministrator: true);
        var twice = await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(second.Id, "Setuju", null, asAdmin, CancellationToken.None));
        Assert.Contains("nobody approves twice", twice.English, StringComparison.Ordinal);
        Assert.Equal(WorkflowTaskStatus.Open, (await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == second.Id)).Status);
        Assert.Equal("Disetujui", (await runner.CompleteTaskAsync(second.Id, "Setuju", null, Actor(kepala), CancellationToken.None)).Outcome);

        var allowed = await StartAsync(services, TwoTasks("dua-kali-2", Rule("directSuperior"), same, allowRepeatOnSecond: true), pegawai.Id);
        await runner.CompleteTaskAsync((await TasksAsync(services, allowed)).Single().Id, "Setuju", null, Actor(atasan), CancellationToken.None);
        var again = (await TasksAsync(services, allowed)).Single(t => t.ActivityId == "dua");
        Assert.Equal((atasan.Id, true), (again.AssigneeEmployeeId, again.AllowRepeatApprover));
        Assert.Equal("Disetujui", (await runner.CompleteTaskAsync(again.Id, "Setuju", null, Actor(atasan), CancellationToken.None)).Outcome);
    }

    [SkippableFact]
    public async Task A_rejection_is_not_an_approval_and_a_revisited_step_may_be_decided_again()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("banjarbaru"));
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "banjarbaru", "pegawai");
        var atasan = await ByEmailAsync(db, "banjarbaru", "atasan");
        var runner = services.GetRequiredService<InstanceRunner>();
        var definition = TwoTasks("ulang-1", Rule("directSuperior"), Rule("employee", "nip", atasan.Nip));
        // "Tolak" on the second step goes back to the first (a revision loop) instead of ending.
        definition.Connections.RemoveAll(c => c.Source.Activity == "dua" && c.Source.Port == "Tolak");
        definition.Connections.Add(new Engine.Definitions.Connection { Source = new("dua", "Tolak"), Target = new("satu", "In") });
        var id = await StartAsync(services, definition, pegawai.Id);

        await runner.CompleteTaskAsync((await TasksAsync(services, id)).Single().Id, "Setuju", null, Actor(atasan), CancellationToken.None);
        var second = (await TasksAsync(services, id)).Single(t => t.ActivityId == "dua" && t.Status == WorkflowTaskStatus.Open);
        Assert.NotEqual(atasan.Id, second.AssigneeEmployeeId);
        var kepala = await db.Employees.AsNoTracking().SingleAsync(e => e.Id == second.AssigneeEmployeeId);
        await runner.CompleteTaskAsync(second.Id, "Tolak", "perbaiki", Actor(kepala), CancellationToken.None);
        var back = (await TasksAsync(services, id)).Single(t => t.ActivityId == "satu" && t.Status == WorkflowTaskStatus.Open);
        Assert.Equal(atasan.Id, back.AssigneeEmployeeId);
        await runner.CompleteTaskAsync(back.Id, "Setuju", null, Actor(atasan), CancellationToken.None);
        // The head rejected before, which is no approval: the second step may go to them again.
        Assert.Equal(kepala.Id, (await TasksAsync(services, id)).Single(t => t.ActivityId == "dua" && t.Status == WorkflowTaskStatus.Open).AssigneeEmployeeId);
    }
}

using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KinerjaFlow.Runtime.Tests.Workflows.TaskPeople;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>
/// Every assignee rule kind resolved against the demo org when a task opens: acting officials,
/// vacancies, standing delegations and the administrators' fallback, each explained in the journal.
/// Tests that change the org each use their own pemda.
/// </summary>
public abstract class AssigneeRuleTests(TestDatabase database) : DatabaseTests(database)
{
    [SkippableFact]
    public async Task A_position_rule_goes_to_its_holder_its_Plh_on_the_Plh_days_and_its_Plt_when_vacant()
    {
        var tenant = await Database.TenantIdAsync("kotalama");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "kotalama", "pegawai");
        var kepala = await HolderAsync(db, "BKPSDM.KEPALA");
        var stand = await HolderAsync(db, "BKPSDM.MUT.KEPALA");
        await DurableRuntimeTests.PublishAsync(services, OneTask("jabatan-1", Rule("position", "position", "Kepala BKPSDM")));
        var runner = services.GetRequiredService<InstanceRunner>();
        async Task<(WorkflowTask Task, List<JournalEntry> Journal)> OpenAsync()
        {
            var (id, _) = await runner.StartAsync("jabatan-1", new WorkflowInput(), new StartOptions(pegawai.Id), CancellationToken.None);
            return ((await TasksAsync(services, id)).Single(), await JournalAsync(services, id));
        }

        var (byHolder, quiet) = await OpenAsync();
        Assert.Equal(kepala.Id, byHolder.AssigneeEmployeeId);
        Assert.DoesNotContain(quiet, e => e.Event == JournalEvent.Assigned);

        var positionId = kepala.PositionId!.Value;
        db.ActingAssignments.Add(new ActingAssignment { PositionId = positionId, EmployeeId = stand.Id, Kind = ActingKind.Plh, From = Today.AddDays(-1), To = Today.AddDays(3) });
        await db.SaveChangesAsync();
        var (byPlh, plhJournal) = await OpenAsync();
        Assert.Equal(stand.Id, byPlh.AssigneeEmployeeId);
        Assert.Contains(plhJournal, e => e.Event == JournalEvent.Assigned && e.Detail!.Contains($"{stand.Name} menerima tugas sebagai Plh Kepala BKPSDM", StringComparison.Ordinal));

        // The Plh's days end, the head retires and a Plt is appointed for the vacancy.
        var plh = await db.ActingAssignments.SingleAsync(a => a.PositionId == positionId);
        plh.To = Today.AddDays(-1);
        var holder = await db.Employees.SingleAsync(e => e.Id == kepala.Id);
        holder.PositionId = null;
        db.ActingAssignments.Add(new ActingAssignment { PositionId = positionId, EmployeeId = stand.Id, Kind = ActingKind.Plt, From = Today, To = Today.AddDays(90) });
        await db.SaveChangesAsync();
        var (byPlt, pltJournal) = await OpenAsync();
        Assert.Equal(stand.Id, byPlt.AssigneeEmployeeId);
        Assert.Contains(pltJournal, e => e.Event == JournalEvent.Assigned && e.Detail!.Contains("as Plt (acting) Kepala BKPSDM", StringComparison.Ordinal));
        Assert.Null(byPlt.AssignmentProblem);
    }

    [SkippableFact]
    public async Task A_vacant_position_escalates_to_the_next_superior_holder_and_the_journal_says_so()
    {
        var tenant = await Database.TenantIdAsync("palangkaraya");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "palangkaraya", "pegawai");
        var kepala = await db.Employees.SingleAsync(e => e.Position!.Code == "BKPSDM.KEPALA");
        var sekda = await HolderAsync(db, "SETDA.KEPALA");
        kepala.PositionId = null;
        await db.SaveChangesAsync();

        var byCode = await StartAsync(services, OneTask("kosong-1", Rule("position", "position", "BKPSDM.KEPALA")), pegawai.Id);
        var byUnit = await StartAsync(services, OneTask("kosong-2", Rule("unitHead", "unit", "BKPSDM")), pegawai.Id);

        foreach (var id in new[] { byCode, byUnit })
        {
            var task = (await TasksAsync(services, id)).Single();
            Assert.Equal((sekda.Id, (string?)null, (string?)null), (task.AssigneeEmployeeId, task.AssigneeRole, task.AssignmentProblem));
            var line = Assert.Single(await JournalAsync(services, id), e => e.Event == JournalEvent.Assigned);
            Assert.Equal("tugas", line.ActivityId);
            Assert.Equal($"Jabatan Kepala BKPSDM kosong; tugas naik ke {sekda.Name} (Sekretaris Daerah). / Position Kepala BKPSDM is vacant; the task goes up to {sekda.Name} (Sekretaris Daerah).", line.Detail);
        }

        // The direct superior rule passes the vacancy the same way, two levels up from the pegawai.
        var second = await StartAsync(services, OneTask("kosong-3", new JsonObject { ["kind"] = "directSuperior", ["levels"] = 2 }), pegawai.Id);
        Assert.Equal(sekda.Id, (await TasksAsync(services, second)).Single().AssigneeEmployeeId);
        Assert.Contains(await JournalAsync(services, second), e => e.Event == JournalEvent.Assigned && e.Detail!.Contains("Kepala BKPSDM kosong", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_standing_delegation_in_force_sends_the_task_to_the_delegate_until_it_ends()
    {
        var tenant = await Database.TenantIdAsync("tangsel");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "tangsel", "pegawai");
        var atasan = await ByEmailAsync(db, "tangsel", "atasan");
        var colleague = await HolderAsync(db, "BKPSDM.MUT.KEPALA");
        var delegations = services.GetRequiredService<Delegations>();
        var made = await delegations.CreateAsync(atasan.Id, colleague.Id, Today, Today.AddDays(5), "Cuti tahunan", "admin", CancellationToken.None);
        Assert.True(made.InForce);
        await DurableRuntimeTests.PublishAsync(services, OneTask("delegasi-1", Rule("directSuperior")));
        var runner = services.GetRequiredService<InstanceRunner>();

        var (id, _) = await runner.StartAsync("delegasi-1", new WorkflowInput(), new StartOptions(pegawai.Id), CancellationToken.None);
        var task = (await TasksAsync(services, id)).Single();
        Assert.Equal(colleague.Id, task.AssigneeEmployeeId);
        var line = Assert.Single(await JournalAsync(services, id), e => e.Event == JournalEvent.Assigned);
        Assert.Equal($"Tugas untuk {atasan.Name} dialihkan ke {colleague.Name} (delegasi: Cuti tahunan). / The task for {atasan.Name} goes to {colleague.Name} (delegation: Cuti tahunan).", line.Detail);
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(task.Id, "Setuju", null, Actor(atasan), CancellationToken.None));
        Assert.Equal(InstanceStatus.Completed, (await runner.CompleteTaskAsync(task.Id, "Setuju", null, Actor(colleague), CancellationToken.None)).Status);

        Assert.Contains(await delegations.ListAsync(atasan.Id, includeEnded: false, CancellationToken.None), d => d.Id == made.Id);
        await delegations.EndAsync(made.Id, "admin", CancellationToken.None);
        Assert.DoesNotContain(await delegations.ListAsync(atasan.Id, includeEnded: false, CancellationToken.None), d => d.Id == made.Id);
        var (after, _) = await runner.StartAsync("delegasi-1", new WorkflowInput(), new StartOptions(pegawai.Id), CancellationToken.None);
        Assert.Equal(atasan.Id, (await TasksAsync(services, after)).Single().AssigneeEmployeeId);
    }

    [SkippableFact]
    public async Task A_bad_delegation_is_refused_and_nothing_is_saved()
    {
        var tenant = await Database.TenantIdAsync("semarang");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var atasan = await ByEmailAsync(db, "semarang", "atasan");
        var pegawai = await ByEmailAsync(db, "semarang", "pegawai");
        var delegations = services.GetRequiredService<Delegations>();
        Guid foreign;
        await using (var other = Database.CreateContext(await Database.TenantIdAsync("kotalama")))
            foreign = (await other.Employees.FirstAsync()).Id;

        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => delegations.CreateAsync(atasan.Id, atasan.Id, Today, Today, "x", null, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => delegations.CreateAsync(atasan.Id, pegawai.Id, Today, Today, "  ", null, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => delegations.CreateAsync(atasan.Id, pegawai.Id, Today.AddDays(3), Today, "x", null, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => delegations.CreateAsync(atasan.Id, pegawai.Id, Today.AddDays(-9), Today.AddDays(-2), "x", null, CancellationToken.None));
        var notHere = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => delegations.CreateAsync(atasan.Id, foreign, Today, Today, "x", null, CancellationToken.None));
        Assert.Contains("not found in this pemda", notHere.English, StringComparison.Ordinal);
        Assert.Empty(await delegations.ListAsync(null, includeEnded: true, CancellationToken.None));

        await delegations.CreateAsync(atasan.Id, pegawai.Id, Today, Today.AddDays(2), "Dinas luar", null, CancellationToken.None);
        var overlap = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => delegations.CreateAsync(atasan.Id, pegawai.Id, Today.AddDays(1), Today.AddDays(4), "x", null, CancellationToken.None));
        Assert.Contains("overlapping", overlap.English, StringComparison.Ordinal);
        var all = await delegations.ListAsync(null, includeEnded: true, CancellationToken.None);
        await delegations.EndAsync(Assert.Single(all).Id, null, CancellationToken.None);
    }

    [SkippableFact]
    public async Task A_rule_that_finds_nobody_gives_the_task_to_the_administrators_with_the_problem()
    {
        var tenant = await Database.TenantIdAsync("banjarbaru");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "banjarbaru", "pegawai");
        var runner = services.GetRequiredService<InstanceRunner>();

        foreach (var (name, rule, problem) in new[]
        {
            ("tak-ada-1", Rule("position", "position", "Kepala Dinas Pariwisata"), "Position 'Kepala Dinas Pariwisata' does not exist."),
            ("tak-ada-2", Rule("committee", "committee", "TIM-X"), "Committee 'TIM-X' does not exist."),
            ("tak-ada-3", Rule("unitHead", "unit", "DISPAR"), "Unit 'DISPAR' does not exist."),
            ("tak-ada-4", Rule("employee", "nip", "199901012020011001"), "No employee has NIP 199901012020011001."),
        })
        {
            var id = await StartAsync(services, OneTask(name, rule), pegawai.Id);
            var task = (await TasksAsync(services, id)).Single();
            Assert.Equal((Roles.Admin, (Guid?)null, WorkflowTaskStatus.Open), (task.AssigneeRole, task.AssigneeEmployeeId, task.Status));
            Assert.Contains(problem, task.AssignmentProblem, StringComparison.Ordinal);
            var line = Assert.Single(await JournalAsync(services, id), e => e.Event == JournalEvent.Assigned);
            Assert.Contains("the task goes to the pemda's administrators", line.Detail, StringComparison.Ordinal);
            Assert.Contains(problem, line.Detail, StringComparison.Ordinal);
        }

        // An administrator of the pemda (a holder of the admin role) may act on it; the pegawai may not.
        var last = (await db.Tasks.AsNoTracking().Where(t => t.DefinitionId == "tak-ada-4").SingleAsync());
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(last.Id, "Setuju", null, Actor(pegawai), CancellationToken.None));
        var admin = new TaskActor("admin banjarbaru", null, [Roles.Admin], null);
        Assert.Equal("Disetujui", (await runner.CompleteTaskAsync(last.Id, "Setuju", null, admin, CancellationToken.None)).Outcome);
    }

    [SkippableFact]
    public async Task Unit_head_rules_find_the_head_of_the_initiators_unit_or_its_superior_when_the_initiator_is_the_head()
    {
        var tenant = await Database.TenantIdAsync("semarang");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "semarang", "pegawai");
        var atasan = await ByEmailAsync(db, "semarang", "atasan");
        var kepala = await HolderAsync(db, "BKPSDM.KEPALA");
        await DurableRuntimeTests.PublishAsync(services, OneTask("kepala-unit-1", Rule("unitHead")));
        var runner = services.GetRequiredService<InstanceRunner>();

        var (own, _) = await runner.StartAsync("kepala-unit-1", new WorkflowInput(), new StartOptions(pegawai.Id), CancellationToken.None);
        Assert.Equal(atasan.Id, (await TasksAsync(services, own)).Single().AssigneeEmployeeId);
        var (head, _) = await runner.StartAsync("kepala-unit-1", new WorkflowInput(), new StartOptions(atasan.Id), CancellationToken.None);
        Assert.Equal(kepala.Id, (await TasksAsync(services, head)).Single().AssigneeEmployeeId);
        Assert.Contains(await JournalAsync(services, head), e => e.Event == JournalEvent.Assigned && e.Detail!.Contains("is the initiator of this request", StringComparison.Ordinal));

        var named = await StartAsync(services, OneTask("kepala-unit-2", Rule("unitHead", "unit", "BKPSDM")), pegawai.Id);
        Assert.Equal(kepala.Id, (await TasksAsync(services, named)).Single().AssigneeEmployeeId);
    }

    [SkippableFact]
    public async Task Employee_role_initiator_and_expression_rules_still_resolve()
    {
        var tenant = await Database.TenantIdAsync("semarang");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var pegawai = await ByEmailAsync(db, "semarang", "pegawai");
        var inspectors = await InspectorsAsync(db, 2);
        var unitId = await db.Units.Where(u => u.Code == "BKPSDM.PK").Select(u => u.Id).SingleAsync();

        var byNip = await StartAsync(services, OneTask("aturan-1", Rule("employee", "nip", inspectors[0].Nip)), pegawai.Id);
        Assert.Equal(inspectors[0].Id, (await TasksAsync(services, byNip)).Single().AssigneeEmployeeId);
        var byRole = await StartAsync(services, OneTask("aturan-2", new JsonObject { ["kind"] = "role", ["role"] = "verifikator", ["unit"] = "BKPSDM.PK" }), pegawai.Id);
        Assert.Equal(("verifikator", (Guid?)unitId), (await TasksAsync(services, byRole)).Select(t => (t.AssigneeRole, t.AssigneeUnitId)).Single());
        var initiator = await StartAsync(services, OneTask("aturan-3", Rule("initiator")), pegawai.Id);
        Assert.Equal(pegawai.Id, (await TasksAsync(services, initiator)).Single().AssigneeEmployeeId);

        var expression = new JsonObject { ["kind"] = "expression", ["expression"] = $"['{inspectors[0].Nip}', '{inspectors[1].Nip}']" };
        var several = await StartAsync(services, OneTask("aturan-4", expression), pegawai.Id);
        var tasks = await TasksAsync(services, several);
        Assert.Equal([inspectors[0].Id, inspectors[1].Id], tasks.Select(t => t.AssigneeEmployeeId!.Value));
        Assert.All(tasks, t => Assert.Equal((ApprovalMode.AnyOf, WorkflowTaskStatus.Open), (t.Mode, t.Status)));
        Assert.Equal([0, 1], tasks.Select(t => t.Sequence));
    }

    [SkippableFact]
    public async Task The_shipped_training_request_reaches_the_head_of_BKPSDM_and_the_Sekda_by_position_after_a_revision()
    {
        var tenant = await Database.TenantIdAsync("banjarbaru");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var forms = services.GetRequiredService<Runtime.Forms.FormStore>();
        var form = global::KinerjaFlow.Forms.Definitions.FormJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "forms", "usulan-pelatihan.form.json")));
        Assert.Equal(Runtime.Forms.FormSaveStatus.Saved, (await forms.SaveDraftAsync(form, null, "uji", CancellationToken.None)).Status);
        Assert.Equal(Runtime.Forms.FormSaveStatus.Saved, (await forms.PublishAsync(form.Key, null, CancellationToken.None)).Status);
        var definition = Engine.Definitions.WorkflowJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", "pelatihan", "usulan-pelatihan.json")));
        await DurableRuntimeTests.PublishAsync(services, definition);
        var (pegawai, atasan) = (await ByEmailAsync(db, "banjarbaru", "pegawai"), await ByEmailAsync(db, "banjarbaru", "atasan"));
        var (kepala, sekda) = (await HolderAsync(db, "BKPSDM.KEPALA"), await HolderAsync(db, "SETDA.KEPALA"));
        var runner = services.GetRequiredService<InstanceRunner>();
        var input = new WorkflowInput { Form = new JsonObject { ["namaPelatihan"] = "Magister Administrasi Publik", ["jenis"] = "Tugas Belajar", ["jumlahJp"] = 40, ["luarNegeri"] = false } };
        var (id, _) = await runner.StartAsync(definition.DefinitionId, input, new StartOptions(pegawai.Id), CancellationToken.None);
        async Task<WorkflowTask> OpenAsync(string activity) => (await TasksAsync(services, id)).Single(t => t.ActivityId == activity && t.Status == WorkflowTaskStatus.Open);

        await runner.CompleteTaskAsync((await OpenAsync("atasan")).Id, "Kembalikan", "Lengkapi jadwal", Actor(atasan), CancellationToken.None);
        var revisi = await OpenAsync("revisi");
        Assert.Equal(pegawai.Id, revisi.AssigneeEmployeeId);
        await runner.CompleteTaskAsync(revisi.Id, "Kirim Ulang", null, Actor(pegawai), CancellationToken.None);
        var again = await OpenAsync("atasan");
        Assert.Equal(atasan.Id, again.AssigneeEmployeeId);
        await runner.CompleteTaskAsync(again.Id, "Setuju", null, Actor(atasan), CancellationToken.None);
        var bkpsdm = await OpenAsync("bkpsdm");
        Assert.Equal((kepala.Id, (string?)null), (bkpsdm.AssigneeEmployeeId, bkpsdm.AssignmentProblem));
        await runner.CompleteTaskAsync(bkpsdm.Id, "Setuju", null, Actor(kepala), CancellationToken.None);
        var izin = await OpenAsync("sekda");
        Assert.Equal(sekda.Id, izin.AssigneeEmployeeId);
        var done = await runner.CompleteTaskAsync(izin.Id, "Setuju", null, Actor(sekda), CancellationToken.None);
        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (done.Status, done.Outcome));
    }
}

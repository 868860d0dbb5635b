using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows.Tasks;

/// <summary>Due times and on-due actions with a controlled clock, the notices, bulk completion, withdrawal and the step's form data.</summary>
public abstract class TaskLifecycleTests(TestDatabase database) : DatabaseTests(database), IDisposable
{
    // Monday 2 November 2026, 08:00 WIB.
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _runtime;

    public void Dispose()
    {
        _runtime?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<AsyncServiceScope> ScopeAsync(string slug)
    {
        _runtime ??= DurableRuntimeTests.NewRuntime(Database, s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.Configure<MailOptions>(o => o.PickupDirectory = Path.Combine(Path.GetTempPath(), "kf-mail-" + Guid.NewGuid().ToString("N")));
        });
        var scope = _runtime.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = await Database.TenantIdAsync(slug);
        return scope;
    }

    private static WorkflowDefinition Flow(string id, string taskProperties, string? extraActivities = null, string? extraConnections = null) => WorkflowJson.Deserialize($$$"""
        {
          "definitionId": "{{{id}}}", "version": 1, "name": "Usulan {{{id}}}",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "properties": {"title": "Persetujuan atasan", "assignee": {"kind": "directSuperior"}, {{{taskProperties}}}}},
            {"id": "ok", "type": "End", "properties": {"outcome": "Disetujui"}},
            {"id": "tolak", "type": "End", "properties": {"outcome": "Ditolak"}}{{{extraActivities}}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "atasan", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Setuju"}, "target": {"activity": "ok", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}}{{{extraConnections}}}
          ]
        }
        """);

    private static async Task<WorkflowTask> OpenTaskAsync(IServiceProvider services, Guid instanceId) =>
        await services.GetRequiredService<KinerjaFlowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == WorkflowTaskStatus.Open);

    private static async Task<List<string>> NoticesAsync(IServiceProvider services, Guid instanceId)
    {
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        return [.. (await db.Outbox.AsNoTracking().Where(m => m.InstanceId == instanceId && m.Kind == TaskNotices.OutboxKind).OrderBy(m => m.Id).ToListAsync())
            .Select(m => JsonNode.Parse(m.Payload)!["kind"]!.ToString())];
    }

    private static async Task<List<Notification>> DeliveredAsync(IServiceProvider services, Guid instanceId)
    {
        await services.GetRequiredService<BackgroundWork>().DeliverOutboxAsync(CancellationToken.None);
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        return await db.Notifications.AsNoTracking().Where(n => n.InstanceId == instanceId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync();
    }

    [SkippableFact]
    public async Task A_task_is_due_after_working_days_and_its_reminder_goes_once_when_the_clock_passes_it()
    {
        await using var scope = await ScopeAsync("kotalama");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("ingat-1", """ "outcomes": ["Setuju", "Tolak"], "commentRequired": ["Tolak"], "dueDays": 2, "onDue": "reminder" """));
        var (employee, superior, _) = await DurableRuntimeTests.ChainAsync(services);
        var (id, _) = await services.GetRequiredService<InstanceRunner>().StartAsync("ingat-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);

        var task = await OpenTaskAsync(services, id);
        var calendar = await services.GetRequiredService<TenantCalendars>().ForCurrentTenantAsync(CancellationToken.None);
        var dueDay = calendar.AddWorkingDays(new DateOnly(2026, 11, 2), 2);
        Assert.Equal(dueDay.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc), task.DueAt);
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var initiator = await db.Employees.AsNoTracking().Include(e => e.Unit).SingleAsync(e => e.Id == employee);
        Assert.Equal(("Usulan ingat-1", initiator.Name, initiator.Nip, initiator.UnitId, initiator.Unit!.Name, "[\"Tolak\"]"),
            (task.DefinitionName, task.InitiatorName, task.InitiatorNip, task.InitiatorUnitId, task.InitiatorUnitName, task.CommentRequired));
        Assert.Equal(["TaskAssigned"], await NoticesAsync(services, id));

        var work = services.GetRequiredService<BackgroundWork>();
        Assert.Equal(0, await work.HandleDueTasksAsync(CancellationToken.None));
        _clock.Now = new DateTimeOffset(task.DueAt!.Value.AddMinutes(1), TimeSpan.Zero);
        Assert.Equal(1, await work.HandleDueTasksAsync(CancellationToken.None));
        Assert.Equal(0, await work.HandleDueTasksAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await work.HandleDueTasksAsync(CancellationToken.None));

        var after = await OpenTaskAsync(services, id);
        Assert.Equal((superior, _clock.Now.UtcDateTime.AddDays(-3)), (after.AssigneeEmployeeId!.Value, after.DueHandledAt!.Value));
        Assert.Equal(["TaskAssigned", "Reminder"], await NoticesAsync(services, id));
        var notes = await DeliveredAsync(services, id);
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Equal(superior, n.EmployeeId));
        Assert.Single(notes, n => n.Subject == "Tugas baru: Persetujuan atasan / New task: Persetujuan atasan");
        var reminder = Assert.Single(notes, n => n.Subject.StartsWith("Pengingat:", StringComparison.Ordinal));
        Assert.Contains(initiator.Name, reminder.Body, StringComparison.Ordinal);
        Assert.Contains(await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).Select(j => j.Detail).ToListAsync(), d => d != null && d.Contains("pengingat dikirim", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_overdue_task_escalates_to_the_next_superior_with_a_journal_line_and_a_notice_to_both()
    {
        await using var scope = await ScopeAsync("palangkaraya");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("eskalasi-1", """ "outcomes": ["Setuju", "Tolak"], "dueDays": 1, "onDue": "escalate" """));
        var (employee, superior, second) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var (id, _) = await runner.StartAsync("eskalasi-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var task = await OpenTaskAsync(services, id);

        _clock.Now = new DateTimeOffset(task.DueAt!.Value, TimeSpan.Zero);
        Assert.Equal(1, await services.GetRequiredService<BackgroundWork>().HandleDueTasksAsync(CancellationToken.None));

        var moved = await OpenTaskAsync(services, id);
        Assert.Equal((task.Id, second), (moved.Id, moved.AssigneeEmployeeId!.Value));
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var names = await db.Employees.AsNoTracking().Where(e => e.Id == superior || e.Id == second).ToDictionaryAsync(e => e.Id, e => e.Name);
        var line = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id && j.Event == JournalEvent.Note).Select(j => j.Detail).SingleAsync();
        Assert.Contains($"dialihkan dari {names[superior]} kepada atasannya {names[second]}", line, StringComparison.Ordinal);
        var notes = await DeliveredAsync(services, id);
        Assert.Equal(new[] { superior, second }.Order(), notes.Where(n => n.Subject.StartsWith("Eskalasi", StringComparison.Ordinal)).Select(n => n.EmployeeId).Order());

        // The old assignee may no longer act; the new one may (in a new request, as the API does).
        await using var next = await ScopeAsync("palangkaraya");
        var nextRunner = next.ServiceProvider.GetRequiredService<InstanceRunner>();
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => nextRunner.CompleteTaskAsync(task.Id, "Setuju", null, DurableRuntimeTests.Actor(superior), CancellationToken.None));
        var done = await nextRunner.CompleteTaskAsync(task.Id, "Setuju", null, DurableRuntimeTests.Actor(second), CancellationToken.None);
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [SkippableFact]
    public async Task A_task_with_a_default_outcome_is_completed_by_the_system_when_due_and_the_initiator_hears_the_decision()
    {
        await using var scope = await ScopeAsync("tangsel");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("bawaan-1", """ "outcomes": ["Setuju", "Tolak"], "dueDays": 3, "onDue": "defaultOutcome", "defaultOutcome": "Setuju" """));
        var (employee, _, _) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var (id, _) = await runner.StartAsync("bawaan-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var task = await OpenTaskAsync(services, id);

        _clock.Now = new DateTimeOffset(task.DueAt!.Value.AddHours(-1), TimeSpan.Zero);
        Assert.Equal(0, await services.GetRequiredService<BackgroundWork>().HandleDueTasksAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await services.GetRequiredService<BackgroundWork>().HandleDueTasksAsync(CancellationToken.None));

        var state = (await runner.GetAsync(id, CancellationToken.None))!;
        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (state.Status, state.Outcome));
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var closed = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal((WorkflowTaskStatus.Completed, "Setuju", "sistem", TaskDue.DefaultOutcomeComment), (closed.Status, closed.Outcome, closed.CompletedBy, closed.Comment));
        Assert.Equal(["TaskAssigned", "RequestDecided"], await NoticesAsync(services, id));
        var decided = (await DeliveredAsync(services, id)).Single(n => n.EmployeeId == employee);
        Assert.Contains("Disetujui", decided.Subject, StringComparison.Ordinal);
        Assert.Equal("Disetujui", (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id)).Outcome);
    }

    [SkippableFact]
    public async Task A_return_for_revision_tells_the_initiator_with_the_comment()
    {
        await using var scope = await ScopeAsync("banjarbaru");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("revisi-1", """ "outcomes": ["Setuju", "Tolak", "Kembalikan"], "commentRequired": ["Kembalikan"] """,
            """, {"id": "perbaiki", "type": "UserTask", "properties": {"title": "Perbaiki usulan", "assignee": {"kind": "initiator"}, "outcomes": ["Ajukan ulang"]}}""",
            """, {"source": {"activity": "atasan", "port": "Kembalikan"}, "target": {"activity": "perbaiki", "port": "In"}}, {"source": {"activity": "perbaiki", "port": "Ajukan ulang"}, "target": {"activity": "atasan", "port": "In"}}"""));
        var (employee, superior, _) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var (id, _) = await runner.StartAsync("revisi-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var task = await OpenTaskAsync(services, id);

        await runner.CompleteTaskAsync(task.Id, "Kembalikan", "Lampirkan sertifikat", DurableRuntimeTests.Actor(superior), CancellationToken.None);

        Assert.Equal(["TaskAssigned", "ReturnedForRevision"], await NoticesAsync(services, id));
        var back = (await DeliveredAsync(services, id)).Single(n => n.EmployeeId == employee);
        Assert.StartsWith("Permohonan dikembalikan untuk revisi", back.Subject, StringComparison.Ordinal);
        Assert.Contains("Catatan: Lampirkan sertifikat", back.Body, StringComparison.Ordinal);

        // The employee sees the request with its revision step held by them.
        var requests = await services.GetRequiredService<TaskInbox>().MyRequestsAsync(employee, new RequestFilter(), CancellationToken.None);
        var request = Assert.Single(requests.Items, r => r.InstanceId == id);
        var step = Assert.Single(request.CurrentSteps);
        Assert.Equal(("Perbaiki usulan", employee, "Usulan revisi-1", true), (step.Title, step.HolderEmployeeId!.Value, request.DefinitionName, request.CanWithdraw));
        var counts = await services.GetRequiredService<TaskInbox>().CountsAsync(DurableRuntimeTests.Actor(employee), CancellationToken.None);
        Assert.Equal((1, 1), (counts.Open.Value, counts.MyRequestsInProgress.Value));
    }

    [SkippableFact]
    public async Task Bulk_completion_refuses_the_whole_batch_when_one_task_needs_a_comment_and_otherwise_completes_each()
    {
        await using var scope = await ScopeAsync("semarang");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("massal-1", """ "outcomes": ["Setuju", "Tolak"], "commentRequired": ["Tolak"] """));
        await DurableRuntimeTests.PublishAsync(services, Flow("massal-2", """ "outcomes": ["Setuju", "Tolak"], "commentRequired": ["Setuju", "Tolak"] """));
        var (employee, superior, _) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var actions = services.GetRequiredService<TaskActions>();
        var ids = new List<Guid>();
        foreach (var flow in new[] { "massal-1", "massal-1", "massal-2" })
            ids.Add((await runner.StartAsync(flow, new WorkflowInput(), new StartOptions(employee), CancellationToken.None)).InstanceId);
        var tasks = new List<WorkflowTask>();
        foreach (var id in ids)
            tasks.Add(await OpenTaskAsync(services, id));
        var approver = DurableRuntimeTests.Actor(superior);

        var refused = await actions.BulkCompleteAsync([.. tasks.Select(t => t.Id)], "Setuju", approver, null, CancellationToken.None);
        Assert.True(refused.Refused);
        Assert.Equal([null, null], refused.Results.Take(2).Select(r => r.Problem));
        Assert.Contains("wajib diberi komentar", refused.Results[2].Problem, StringComparison.Ordinal);
        foreach (var id in ids)
            Assert.Equal(InstanceStatus.Suspended, (await runner.GetAsync(id, CancellationToken.None))!.Status);

        var notMine = await actions.BulkCompleteAsync([tasks[0].Id], "Setuju", DurableRuntimeTests.Actor(employee), null, CancellationToken.None);
        Assert.True(notMine.Refused);
        var unknown = await actions.BulkCompleteAsync([tasks[0].Id, Guid.NewGuid()], "Setuju", approver, null, CancellationToken.None);
        Assert.Contains("tidak ditemukan", unknown.Results[1].Problem, StringComparison.Ordinal);

        var done = await actions.BulkCompleteAsync([tasks[0].Id, tasks[1].Id], "Setuju", approver, "op-1", CancellationToken.None);
        Assert.False(done.Refused);
        Assert.All(done.Results, r => Assert.True(r.Completed));
        foreach (var id in ids.Take(2))
            Assert.Equal((InstanceStatus.Completed, "Disetujui"), ((await runner.GetAsync(id, CancellationToken.None))!.Status, (await runner.GetAsync(id, CancellationToken.None))!.Outcome));
        var again = await actions.BulkCompleteAsync([tasks[0].Id], "Setuju", approver, null, CancellationToken.None);
        Assert.Contains("sudah diselesaikan", Assert.Single(again.Results).Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_initiator_may_withdraw_a_running_request_but_nobody_else_and_not_after_the_decision()
    {
        await using var scope = await ScopeAsync("kotalama");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("tarik-1", """ "outcomes": ["Setuju", "Tolak"] """));
        var (employee, superior, _) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var actions = services.GetRequiredService<TaskActions>();
        var (first, _) = await runner.StartAsync("tarik-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var (second, _) = await runner.StartAsync("tarik-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);

        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => actions.WithdrawAsync(first, superior, "atasan", CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => actions.WithdrawAsync(Guid.NewGuid(), employee, "pegawai", CancellationToken.None));
        var withdrawn = await actions.WithdrawAsync(first, employee, "pegawai", CancellationToken.None);

        Assert.Equal(InstanceStatus.Cancelled, withdrawn.Status);
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var line = await db.Journal.AsNoTracking().SingleAsync(j => j.InstanceId == first && j.Event == JournalEvent.InstanceCancelled);
        Assert.Equal(("pegawai", TaskActions.WithdrawnReason), (line.Actor, line.Detail));
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == first)).Status);
        await Assert.ThrowsAsync<WithdrawRefusedException>(() => actions.WithdrawAsync(first, employee, "pegawai", CancellationToken.None));

        var task = await OpenTaskAsync(services, second);
        await runner.CompleteTaskAsync(task.Id, "Setuju", null, DurableRuntimeTests.Actor(superior), CancellationToken.None);
        await Assert.ThrowsAsync<WithdrawRefusedException>(() => actions.WithdrawAsync(second, employee, "pegawai", CancellationToken.None));
        Assert.Equal(InstanceStatus.Completed, (await runner.GetAsync(second, CancellationToken.None))!.Status);
        var requests = await services.GetRequiredService<TaskInbox>().MyRequestsAsync(employee, new RequestFilter(DefinitionId: "tarik-1"), CancellationToken.None);
        Assert.Equal([(second, false, "Disetujui"), (first, false, null)], requests.Items.Select(r => (r.InstanceId, r.CanWithdraw, r.Outcome)));
    }

    private static FormDefinition ReviewForm(string key) => FormJson.Deserialize($$"""
        {
          "key": "{{key}}", "title": {"id": "Usulan diklat", "en": "Training request"},
          "schema": {
            "type": "object", "additionalProperties": false, "required": ["judul"],
            "properties": {
              "judul": {"type": "string", "maxLength": 200, "title": "Judul"},
              "catatanAtasan": {"type": "string", "maxLength": 10, "title": "Catatan atasan"}
            }
          },
          "uiSchema": {"type": "Form", "id": "root", "elements": [
            {"type": "Section", "id": "pengaju", "label": {"id": "Pengaju"}, "elements": [{"type": "Control", "id": "judul", "scope": "#/properties/judul"}]},
            {"type": "Section", "id": "atasan", "label": {"id": "Atasan"}, "elements": [{"type": "Control", "id": "catatanAtasan", "scope": "#/properties/catatanAtasan"}]}
          ]}
        }
        """);

    [SkippableFact]
    public async Task The_steps_form_data_is_merged_when_it_stays_in_the_editable_sections_and_refused_with_nothing_changed_otherwise()
    {
        await using var scope = await ScopeAsync("palangkaraya");
        var services = scope.ServiceProvider;
        var forms = services.GetRequiredService<FormStore>();
        Assert.Equal(FormSaveStatus.Saved, (await forms.SaveDraftAsync(ReviewForm("diklat-ulas"), null, "uji", CancellationToken.None)).Status);
        Assert.Equal(FormSaveStatus.Saved, (await forms.PublishAsync("diklat-ulas", "uji", CancellationToken.None)).Status);
        await DurableRuntimeTests.PublishAsync(services, Flow("ulas-1", """ "outcomes": ["Setuju", "Tolak"], "formKey": "diklat-ulas", "editableSections": ["atasan"] """));
        await DurableRuntimeTests.PublishAsync(services, Flow("ulas-2", """ "outcomes": ["Setuju", "Tolak"], "formKey": "diklat-ulas" """));
        var (employee, superior, _) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var actions = services.GetRequiredService<TaskActions>();
        var form = new JsonObject { ["judul"] = "Diklat PIM" };
        var (id, _) = await runner.StartAsync("ulas-1", new WorkflowInput { Form = form }, new StartOptions(employee), CancellationToken.None);
        var task = await OpenTaskAsync(services, id);
        var approver = DurableRuntimeTests.Actor(superior);
        Assert.Equal(1, task.FormVersion);
        var detail = (await services.GetRequiredService<TaskInbox>().DetailAsync(task.Id, approver, false, CancellationToken.None))!;
        Assert.Equal(["atasan"], detail.EditableSections);
        Assert.Equal("Diklat PIM", detail.Data["judul"]!.ToString());
        Assert.Contains(detail.Timeline, e => e.Event == nameof(JournalEvent.InstanceStarted));

        var outside = await Assert.ThrowsAsync<TaskDataRefusedException>(() => actions.CompleteAsync(task.Id, "Setuju", null,
            new JsonObject { ["judul"] = "Diklat lain", ["catatanAtasan"] = "ok" }, approver, null, CancellationToken.None));
        Assert.Contains(outside.Errors, e => e.Path == "/judul");
        var invalid = await Assert.ThrowsAsync<TaskDataRefusedException>(() => actions.CompleteAsync(task.Id, "Setuju", null,
            new JsonObject { ["judul"] = "Diklat PIM", ["catatanAtasan"] = "terlalu panjang sekali" }, approver, null, CancellationToken.None));
        Assert.Contains(invalid.Errors, e => e.Path == "/catatanAtasan");
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => actions.CompleteAsync(task.Id, "Setuju", null,
            new JsonObject { ["judul"] = "Diklat PIM", ["catatanAtasan"] = "ok" }, DurableRuntimeTests.Actor(employee), null, CancellationToken.None));
        var unchanged = (await runner.GetAsync(id, CancellationToken.None))!;
        Assert.Equal((InstanceStatus.Suspended, "{\"judul\":\"Diklat PIM\"}"), (unchanged.Status, unchanged.Form.ToJsonString()));

        var done = await actions.CompleteAsync(task.Id, "Setuju", "baik", new JsonObject { ["judul"] = "Diklat PIM", ["catatanAtasan"] = "ok" }, approver, null, CancellationToken.None);
        Assert.Equal((InstanceStatus.Completed, "ok"), (done.Status, done.Form["catatanAtasan"]!.ToString()));
        Assert.Equal("ok", (await runner.GetAsync(id, CancellationToken.None))!.Form["catatanAtasan"]!.ToString());

        // A step without editable sections may not send data at all.
        var (other, _) = await runner.StartAsync("ulas-2", new WorkflowInput { Form = form }, new StartOptions(employee), CancellationToken.None);
        var readOnly = await OpenTaskAsync(services, other);
        var refused = await Assert.ThrowsAsync<TaskDataRefusedException>(() => actions.CompleteAsync(readOnly.Id, "Setuju", null, new JsonObject { ["judul"] = "Diklat PIM" }, approver, null, CancellationToken.None));
        Assert.Equal("editableSections", Assert.Single(refused.Errors).Keyword);
    }
}

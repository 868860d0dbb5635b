using Bunit;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Components.Layout;
using KinerjaFlow.Web.Components.Requests;
using KinerjaFlow.Web.Components.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Tests.Approvals;

/// <summary>Ajukan, Kotak Tugas, the task page, Permohonan Saya and the bell, rendered with bUnit over a seeded SQLite database.</summary>
public sealed class ApprovalPagesTests(ApprovalsDatabase database) : ApprovalsContext(database)
{
    [Fact]
    public async Task An_employee_without_tasks_or_requests_sees_empty_states()
    {
        await SignInAsync("pegawai@kotalama.demo");

        var inbox = Render<TaskInboxPage>();
        inbox.WaitForAssertion(() => Assert.Contains("Tidak ada tugas yang menunggu Anda.", inbox.Find("#tasks-empty").TextContent, StringComparison.Ordinal));
        Assert.Empty(inbox.FindAll("#tasks-table"));

        var requests = Render<MyRequestsPage>();
        requests.WaitForAssertion(() => Assert.Contains("Anda belum mengajukan permohonan.", requests.Find("#requests-empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_catalogue_lists_the_published_training_request_and_search_narrows_it()
    {
        await Database.PublishedAsync();
        await SignInAsync("pegawai@banjarbaru.demo");

        var catalogue = Render<StartCatalogPage>();
        catalogue.WaitForAssertion(() => Assert.Single(catalogue.FindAll("[data-workflow='usulan-pelatihan']")));
        Assert.Contains("Usulan Pelatihan", catalogue.Markup, StringComparison.Ordinal);

        catalogue.Find("#start-search").Input("kenaikan pangkat");
        catalogue.WaitForAssertion(() => Assert.Contains("Tidak ada layanan yang cocok", catalogue.Find("#start-empty").TextContent, StringComparison.Ordinal));
        catalogue.Find("#start-search").Input("pelatihan");
        catalogue.WaitForAssertion(() => Assert.Single(catalogue.FindAll("[data-workflow='usulan-pelatihan']")));
    }

    [Fact]
    public async Task An_empty_start_form_is_refused_beside_the_form_and_starts_nothing()
    {
        await Database.PublishedAsync();
        var employee = await SignInAsync("pegawai@banjarbaru.demo");
        var before = await QueryAsync(db => db.Instances.CountAsync(i => i.InitiatorEmployeeId == employee.Id));

        var page = Render<StartRequestPage>(p => p.Add(x => x.DefinitionId, ApprovalsDatabase.Workflow));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#start-submit")));
        // The employee's own particulars are filled in from the profile.
        Assert.Equal(employee.Name, page.Find("[data-pointer='/nama'] input").GetAttribute("value"));
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Isian formulir ditolak; tidak ada yang disimpan.", page.Find("#start-problem").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#start-done"));
        Assert.Equal(before, await QueryAsync(db => db.Instances.CountAsync(i => i.InitiatorEmployeeId == employee.Id)));
    }

    [Fact]
    public async Task A_workflow_that_is_not_published_is_not_offered()
    {
        await SignInAsync("pegawai@kotalama.demo");
        var page = Render<StartRequestPage>(p => p.Add(x => x.DefinitionId, "cuti-tahunan"));
        page.WaitForAssertion(() => Assert.Contains("tidak tersedia", page.Find("#start-missing").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public async Task The_superiors_inbox_lists_the_request_with_counts_and_the_filters_narrow_it()
    {
        await Database.PublishedAsync();
        var employee = await SignInAsync("pegawai@banjarbaru.demo");
        var instance = await StartTrainingAsync();
        await SignInAsync("atasan@banjarbaru.demo");

        var inbox = Render<TaskInboxPage>();
        var task = await QueryAsync(db => db.Tasks.SingleAsync(t => t.InstanceId == instance));
        inbox.WaitForAssertion(() => Assert.Contains("Usulan pelatihan: Bimbingan Teknis Analisis Jabatan", inbox.Find($"tr[data-task='{task.Id}']").TextContent, StringComparison.Ordinal));
        Assert.Contains(employee.Name, inbox.Find($"tr[data-task='{task.Id}']").TextContent, StringComparison.Ordinal);
        var open = await QueryAsync(db => db.Tasks.CountAsync(t => t.Status == WorkflowTaskStatus.Open && t.AssigneeEmployeeId == User.EmployeeId));
        Assert.Contains(open.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), inbox.Find(".kf-stat-value").TextContent, StringComparison.Ordinal);
        // Setuju needs no comment in this workflow, so the task may be bulk-approved.
        Assert.NotEmpty(inbox.FindAll(".kf-task-select"));

        // A filter on an initiator who asked nothing: the filtered empty state, not the "no tasks" one.
        var initiators = inbox.FindComponents<Radzen.Blazor.RadzenDropDown<Guid?>>()[1];
        await inbox.InvokeAsync(() => initiators.Instance.Change.InvokeAsync(Guid.NewGuid()));
        inbox.WaitForAssertion(() => Assert.Contains("Tidak ada tugas yang cocok dengan saringan.", inbox.Find("#tasks-empty").TextContent, StringComparison.Ordinal));
        await inbox.InvokeAsync(() => initiators.Instance.Change.InvokeAsync(employee.Id));
        inbox.WaitForAssertion(() => Assert.All(inbox.FindAll("#tasks-table tbody tr"), r => Assert.Contains(employee.Name, r.TextContent, StringComparison.Ordinal)));
        Assert.NotEmpty(inbox.FindAll($"tr[data-task='{task.Id}']"));
    }

    [Fact]
    public async Task A_new_task_appears_in_the_open_inbox_without_a_reload()
    {
        await Database.PublishedAsync();
        await SignInAsync("atasan@banjarbaru.demo");
        var inbox = Render<TaskInboxPage>(p => p.Add(x => x.RefreshSeconds, 0.2));
        inbox.WaitForState(() => inbox.FindAll("#tasks-empty, #tasks-table").Count > 0);
        var rows = inbox.FindAll("#tasks-table tbody tr").Count;

        var principal = User.Principal;
        await SignInAsync("pegawai@banjarbaru.demo");
        await StartTrainingAsync();
        User.Principal = principal;

        inbox.WaitForAssertion(() => Assert.Contains("1 tugas baru masuk.", inbox.Find("#tasks-arrived").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal(rows + 1, inbox.FindAll("#tasks-table tbody tr").Count);
    }

    [Fact]
    public async Task Returning_without_the_required_comment_shows_the_error_and_sends_nothing_then_the_employee_resubmits()
    {
        await Database.PublishedAsync();
        var employee = await SignInAsync("pegawai@banjarbaru.demo");
        var instance = await StartTrainingAsync();
        await SignInAsync("atasan@banjarbaru.demo");
        var task = await QueryAsync(db => db.Tasks.SingleAsync(t => t.InstanceId == instance && t.Status == WorkflowTaskStatus.Open));

        var page = Render<TaskDetailPage>(p => p.Add(x => x.TaskId, task.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".kf-outcome-button")));
        Assert.Contains(employee.Name, page.Find("#task-initiator").TextContent, StringComparison.Ordinal);
        // The submitted form is shown read-only: values, no inputs.
        Assert.Contains("Bimbingan Teknis Analisis Jabatan", page.Find("#task-form").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#task-form input, #task-form textarea, #task-form select"));
        Assert.Equal("current", page.Find("#task-diagram [data-activity='atasan']").GetAttribute("data-state"));

        page.Find("[data-outcome='Kembalikan']").Click();
        page.WaitForAssertion(() => Assert.Contains("wajib disertai komentar", page.Find("#task-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(WorkflowTaskStatus.Open, await QueryAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));

        page.Find("#task-comment").Change("Lengkapi surat penawaran dari penyelenggara.");
        page.Find("[data-outcome='Kembalikan']").Click();
        page.WaitForAssertion(() => Assert.Contains("Kembalikan", page.Find("#task-done").TextContent, StringComparison.Ordinal));
        var returned = await QueryAsync(db => db.Tasks.SingleAsync(t => t.Id == task.Id));
        Assert.Equal(("Kembalikan", "Lengkapi surat penawaran dari penyelenggara."), (returned.Outcome, returned.Comment));

        // The employee sees it returned, with the revision task linked, and the comment in the timeline.
        await SignInAsync("pegawai@banjarbaru.demo");
        var requests = Render<MyRequestsPage>();
        requests.WaitForAssertion(() => Assert.Contains("Dikembalikan untuk revisi", requests.Find($"[data-request='{instance}']").TextContent, StringComparison.Ordinal));
        var revision = await QueryAsync(db => db.Tasks.SingleAsync(t => t.InstanceId == instance && t.Status == WorkflowTaskStatus.Open));
        Assert.Equal(employee.Id, revision.AssigneeEmployeeId);
        Assert.Equal($"tugas/{revision.Id}", requests.Find($"[data-request='{instance}'] .kf-revise-link").GetAttribute("href"));

        var request = Render<RequestDetailPage>(p => p.Add(x => x.InstanceId, instance));
        request.WaitForAssertion(() => Assert.Contains("Lengkapi surat penawaran dari penyelenggara.", request.Find("#timeline").TextContent, StringComparison.Ordinal));
        Assert.Contains("Perbaiki usulan pelatihan", request.Find("#request-current").TextContent, StringComparison.Ordinal);

        var revise = Render<TaskDetailPage>(p => p.Add(x => x.TaskId, revision.Id));
        revise.WaitForAssertion(() => Assert.NotEmpty(revise.FindAll("[data-outcome='Kirim Ulang']")));
        // The revision step edits the activity sections only: the employee's particulars stay read-only.
        Assert.Empty(revise.FindAll("[data-pointer='/nip'] input"));
        var gap = revise.Find("[data-pointer='/kesenjanganKompetensi'] textarea");
        gap.Input("Menutup kesenjangan analisis jabatan pada RHK 2 SKP 2026, sesuai rencana pengembangan.");
        revise.Find("[data-outcome='Kirim Ulang']").Click();
        revise.WaitForAssertion(() => Assert.NotEmpty(revise.FindAll("#task-done")));
        var again = await QueryAsync(db => db.Tasks.SingleAsync(t => t.InstanceId == instance && t.Status == WorkflowTaskStatus.Open));
        Assert.Equal("atasan", again.ActivityId);
        var state = await QueryAsync(db => db.Instances.Where(i => i.Id == instance).Select(i => i.State).SingleAsync());
        Assert.Contains("sesuai rencana pengembangan", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_initiator_cannot_decide_and_someone_not_involved_cannot_see_a_task()
    {
        await Database.PublishedAsync();
        await SignInAsync("pegawai@banjarbaru.demo");
        var instance = await StartTrainingAsync();
        var task = await QueryAsync(db => db.Tasks.SingleAsync(t => t.InstanceId == instance && t.Status == WorkflowTaskStatus.Open));

        var own = Render<TaskDetailPage>(p => p.Add(x => x.TaskId, task.Id));
        own.WaitForAssertion(() => Assert.Contains("bukan untuk Anda putuskan", own.Find("#task-closed").TextContent, StringComparison.Ordinal));
        Assert.Empty(own.FindAll(".kf-outcome-button"));

        await SignInAsync("pegawai@kotalama.demo");
        var stranger = Render<TaskDetailPage>(p => p.Add(x => x.TaskId, task.Id));
        stranger.WaitForAssertion(() => Assert.NotNull(stranger.Find("#task-missing")));
        var request = Render<RequestDetailPage>(p => p.Add(x => x.InstanceId, instance));
        request.WaitForAssertion(() => Assert.NotNull(request.Find("#request-missing")));
    }

    [Fact]
    public async Task Bulk_approval_after_confirmation_completes_the_selected_tasks()
    {
        await Database.PublishedAsync();
        await SignInAsync("pegawai@banjarbaru.demo");
        var first = await StartTrainingAsync();
        var second = await StartTrainingAsync();
        await SignInAsync("atasan@banjarbaru.demo");
        var tasks = await QueryAsync(db => db.Tasks.Where(t => (t.InstanceId == first || t.InstanceId == second) && t.Status == WorkflowTaskStatus.Open).Select(t => t.Id).ToListAsync());

        var inbox = Render<TaskInboxPage>();
        inbox.WaitForAssertion(() => Assert.NotEmpty(inbox.FindAll("#tasks-table")));
        foreach (var id in tasks)
            inbox.Find($"tr[data-task='{id}'] .kf-task-select").Change(true);
        inbox.Find("#bulk-approve").Click();
        Assert.Contains("Setujui 2 tugas sekaligus?", inbox.Find("#bulk-confirm-text").TextContent, StringComparison.Ordinal);
        inbox.Find("#bulk-yes").Click();

        inbox.WaitForAssertion(() => Assert.Contains("2 tugas disetujui.", inbox.Find("#tasks-message").TextContent, StringComparison.Ordinal));
        Assert.All(await QueryAsync(db => db.Tasks.Where(t => tasks.Contains(t.Id)).ToListAsync()), t => Assert.Equal(("Setuju", WorkflowTaskStatus.Completed), (t.Outcome, t.Status)));
        Assert.Empty(inbox.FindAll(string.Join(", ", tasks.Select(id => $"tr[data-task='{id}']"))));
    }

    [Fact]
    public async Task Delegating_needs_a_reason_and_an_eligible_colleague_and_hands_the_task_over()
    {
        await Database.PublishedAsync();
        var employee = await SignInAsync("pegawai@banjarbaru.demo");
        var instance = await StartTrainingAsync();
        var superior = await SignInAsync("atasan@banjarbaru.demo");
        var task = await QueryAsync(db => db.Tasks.SingleAsync(t => t.InstanceId == instance && t.Status == WorkflowTaskStatus.Open));
        var colleague = await QueryAsync(db => db.Employees.Where(e => e.Id != employee.Id && e.Id != superior.Id && e.UnitId == superior.UnitId).FirstAsync());

        var page = Render<TaskDetailPage>(p => p.Add(x => x.TaskId, task.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#task-delegate")));
        Assert.Contains(superior.Name, page.Find("#task-holder").TextContent, StringComparison.Ordinal);
        page.Find("#task-delegate").Click();
        var to = page.FindComponent<Radzen.Blazor.RadzenDropDown<Guid?>>();

        // To the initiator: refused beside the buttons, nothing changed.
        await page.InvokeAsync(() => to.Instance.ValueChanged.InvokeAsync(employee.Id));
        page.Find("#task-delegate-reason").Change("Cuti tahunan");
        page.Find("#task-delegate-confirm").Click();
        page.WaitForAssertion(() => Assert.Contains("pengaju", page.Find("#task-assign-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(superior.Id, await QueryAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.AssigneeEmployeeId).SingleAsync()));

        // Without a reason: refused.
        await page.InvokeAsync(() => to.Instance.ValueChanged.InvokeAsync(colleague.Id));
        page.Find("#task-delegate-reason").Change(" ");
        page.Find("#task-delegate-confirm").Click();
        page.WaitForAssertion(() => Assert.Contains("Alasan pendelegasian wajib diisi", page.Find("#task-assign-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(superior.Id, await QueryAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.AssigneeEmployeeId).SingleAsync()));

        page.Find("#task-delegate-reason").Change("Dinas luar kota sampai Jumat");
        page.Find("#task-delegate-confirm").Click();
        page.WaitForAssertion(() => Assert.Contains("didelegasikan", page.Find("#task-assign-message").TextContent, StringComparison.Ordinal));
        Assert.Equal(colleague.Id, await QueryAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.AssigneeEmployeeId).SingleAsync()));
        Assert.Contains(colleague.Name, page.Find("#task-holder").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".kf-outcome-button"));
    }

    [Fact]
    public async Task The_employee_withdraws_an_undecided_request()
    {
        await Database.PublishedAsync();
        await SignInAsync("pegawai@banjarbaru.demo");
        var instance = await StartTrainingAsync();

        var page = Render<RequestDetailPage>(p => p.Add(x => x.InstanceId, instance));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#request-withdraw")));
        page.Find("#request-withdraw").Click();
        page.Find("#request-withdraw-yes").Click();

        page.WaitForAssertion(() => Assert.Contains("Dibatalkan", page.Find("#request-status").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#request-withdraw"));
        Assert.False(await QueryAsync(db => db.Tasks.AnyAsync(t => t.InstanceId == instance && t.Status == WorkflowTaskStatus.Open)));
    }

    [Fact]
    public async Task The_bell_counts_unread_notifications_live_and_opening_it_marks_them_read()
    {
        var employee = await SignInAsync("pegawai@palangkaraya.demo");
        await AddNotificationAsync(employee.Id, "Usulan pelatihan disetujui");
        await AddNotificationAsync(employee.Id, "Tugas baru");

        var bell = Render<NotificationMenu>(p => p.Add(x => x.RefreshSeconds, 0.2));
        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("#bell-count").TextContent));

        await AddNotificationAsync(employee.Id, "Pengingat");
        bell.WaitForAssertion(() => Assert.Equal("3", bell.Find("#bell-count").TextContent), TimeSpan.FromSeconds(5));

        bell.Find("#bell").Click();
        bell.WaitForAssertion(() => Assert.Contains("Pengingat", bell.Find("#bell-panel").TextContent, StringComparison.Ordinal));
        Assert.Empty(bell.FindAll("#bell-count"));
        Assert.Equal(0, await QueryAsync(db => db.Notifications.CountAsync(n => n.EmployeeId == employee.Id && n.ReadAt == null)));
    }

    private async Task AddNotificationAsync(Guid employeeId, string subject)
    {
        await using var db = Database.CreateContext(User.TenantId);
        db.Notifications.Add(new Notification { TenantId = User.TenantId!.Value, EmployeeId = employeeId, Subject = subject, Body = subject, SourceMessageId = Guid.NewGuid() });
        await db.SaveChangesAsync();
    }
}

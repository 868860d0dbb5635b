using System.Net;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>Timers, the outbox, signals and subworkflows: what the background worker and the runner do between requests.</summary>
public abstract class BackgroundRuntimeTests(TestDatabase database) : DatabaseTests(database)
{
    private static WorkflowDefinition Flow(string id, string activities, string connections) => WorkflowJson.Deserialize(
        "{\"definitionId\": \"" + id + "\", \"version\": 1, \"name\": \"" + id + "\", \"activities\": [" + activities + "], \"connections\": [" + connections + "]}");

    private static string Link(string from, string port, string to) =>
        "{\"source\": {\"activity\": \"" + from + "\", \"port\": \"" + port + "\"}, \"target\": {\"activity\": \"" + to + "\", \"port\": \"In\"}}";

    private const string TaskJson = """{"id": "tugas", "type": "UserTask", "properties": {"title": "Periksa", "assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju"]}}""";

    private ServiceProvider Runtime(Action<IServiceCollection>? configure = null) => DurableRuntimeTests.NewRuntime(Database, configure);

    private async Task<AsyncServiceScope> ScopeAsync(ServiceProvider runtime, string slug)
    {
        var scope = runtime.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = await Database.TenantIdAsync(slug);
        return scope;
    }

    [SkippableFact]
    public async Task A_timer_fires_after_a_restart_and_the_flow_goes_on_to_its_task()
    {
        Guid id;
        await using (var before = Runtime())
        {
            await using var scope = await ScopeAsync(before, "kotalama");
            await DurableRuntimeTests.PublishAsync(scope.ServiceProvider, Flow("tunggu-1",
                """{"id": "mulai", "type": "Start"}, {"id": "jeda", "type": "Timer", "properties": {"duration": "PT1S"}}, """ + TaskJson + """, {"id": "selesai", "type": "End"}""",
                Link("mulai", "Done", "jeda") + "," + Link("jeda", "Done", "tugas") + "," + Link("tugas", "Setuju", "selesai")));
            var (employee, _, _) = await DurableRuntimeTests.ChainAsync(scope.ServiceProvider);
            (id, _) = await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync("tunggu-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BackgroundWork>().FireTimersAsync(CancellationToken.None));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var after = Runtime();
        await using var next = await ScopeAsync(after, "kotalama");
        Assert.Equal(1, await next.ServiceProvider.GetRequiredService<BackgroundWork>().FireTimersAsync(CancellationToken.None));
        var state = await next.ServiceProvider.GetRequiredService<InstanceRunner>().GetAsync(id, CancellationToken.None);
        Assert.Equal(("tugas", InstanceStatus.Suspended), (state!.Bookmarks.Single().ActivityId, state.Status));
        Assert.Contains(state.Journal, e => e.Event == JournalEvent.Resumed && e.ActivityId == "jeda");
        var db = next.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
        Assert.False(await db.Bookmarks.AnyAsync(b => b.InstanceId == id));
        Assert.Equal(0, await next.ServiceProvider.GetRequiredService<BackgroundWork>().FireTimersAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Outbox_messages_survive_a_restart_and_are_delivered_once_by_two_nodes_at_once()
    {
        var mail = Directory.CreateTempSubdirectory("kf-mail-").FullName;
        Guid id;
        Guid employee;
        await using (var before = Runtime())
        {
            await using var scope = await ScopeAsync(before, "semarang");
            await DurableRuntimeTests.PublishAsync(scope.ServiceProvider, Flow("kabar-1",
                """{"id": "mulai", "type": "Start"}, {"id": "kabar", "type": "Notify", "properties": {"to": {"kind": "initiator"}, "channels": ["InApp", "Email"], "subject": "Usulan {{ form.judul }}", "body": "Halo {{ initiator.nama }}, usulan Anda diterima."}}, {"id": "selesai", "type": "End"}""",
                Link("mulai", "Done", "kabar") + "," + Link("kabar", "Done", "selesai")));
            (employee, _, _) = await DurableRuntimeTests.ChainAsync(scope.ServiceProvider);
            var db = scope.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
            var person = await db.Employees.SingleAsync(e => e.Id == employee);
            person.Email = "pegawai.uji@kinerjaflow.local";
            await db.SaveChangesAsync();
            (id, _) = await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync("kabar-1",
                new WorkflowInput { Form = new JsonObject { ["judul"] = "Diklat" }, Initiator = new JsonObject { ["nama"] = person.Name } }, new StartOptions(employee), CancellationToken.None);
        }

        // Two nodes after the restart, claiming at the same moment.
        await using var nodeA = Runtime(s => s.Configure<MailOptions>(o => o.PickupDirectory = mail));
        await using var nodeB = Runtime(s => s.Configure<MailOptions>(o => o.PickupDirectory = mail));
        await Task.WhenAll(DeliverAsync(nodeA), DeliverAsync(nodeB));

        await using var check = await ScopeAsync(nodeA, "semarang");
        var checkDb = check.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
        var message = await checkDb.Outbox.SingleAsync(m => m.InstanceId == id);
        Assert.Equal((OutboxStatus.Delivered, 1), (message.Status, message.Attempts));
        var notification = await checkDb.Notifications.SingleAsync(n => n.InstanceId == id);
        Assert.Equal((employee, "Usulan Diklat"), (notification.EmployeeId, notification.Subject));
        var files = Directory.GetFiles(mail, "*.eml");
        var eml = await File.ReadAllTextAsync(Assert.Single(files));
        Assert.Contains("pegawai.uji@kinerjaflow.local", eml, StringComparison.Ordinal);
        Assert.Contains("Subject: Usulan Diklat", eml, StringComparison.Ordinal);
        Directory.Delete(mail, recursive: true);

        async Task DeliverAsync(ServiceProvider node)
        {
            await using var scope = node.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BackgroundWork>().DeliverOutboxAsync(CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task A_signal_resumes_only_the_instance_waiting_with_its_correlation()
    {
        await using var runtime = Runtime();
        await using var scope = await ScopeAsync(runtime, "tangsel");
        await DurableRuntimeTests.PublishAsync(scope.ServiceProvider, Flow("sk-1",
            """{"id": "mulai", "type": "Start"}, {"id": "tunggu", "type": "WaitSignal", "properties": {"signal": "sk-terbit", "correlation": "form.nomor", "resultVariable": "sk"}}, {"id": "selesai", "type": "End", "properties": {"outcome": "Terbit"}}""",
            Link("mulai", "Done", "tunggu") + "," + Link("tunggu", "Done", "selesai")));
        var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
        var (a, _) = await runner.StartAsync("sk-1", new WorkflowInput { Form = new JsonObject { ["nomor"] = "800/1" } }, new StartOptions(), CancellationToken.None);
        var (b, _) = await runner.StartAsync("sk-1", new WorkflowInput { Form = new JsonObject { ["nomor"] = "800/2" } }, new StartOptions(), CancellationToken.None);

        Assert.Equal(0, await runner.SignalAsync("sk-terbit", "800/9", null, "siasn", CancellationToken.None));
        Assert.Equal(1, await runner.SignalAsync("sk-terbit", "800/1", new JsonObject { ["tmt"] = "2027-04-01" }, "siasn", CancellationToken.None));

        var done = (await runner.GetAsync(a, CancellationToken.None))!;
        Assert.Equal(("Terbit", "2027-04-01"), (done.Outcome, done.Variables["sk"]?["tmt"]?.GetValue<string>()));
        Assert.Equal(InstanceStatus.Suspended, (await runner.GetAsync(b, CancellationToken.None))!.Status);
    }

    [SkippableFact]
    public async Task A_parent_waits_for_its_child_and_cancelling_the_parent_cancels_the_child()
    {
        await using var runtime = Runtime();
        await using var scope = await ScopeAsync(runtime, "banjarbaru");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("anak-1",
            """{"id": "mulai", "type": "Start"}, """ + TaskJson + """, {"id": "lulus", "type": "End", "properties": {"outcome": "Lulus"}}""",
            Link("mulai", "Done", "tugas") + "," + Link("tugas", "Setuju", "lulus")));
        await DurableRuntimeTests.PublishAsync(services, Flow("induk-1",
            """{"id": "mulai", "type": "Start"}, {"id": "anak", "type": "SubWorkflow", "properties": {"definitionId": "anak-1", "wait": true, "resultVariable": "hasil"}}, {"id": "selesai", "type": "End", "properties": {"outcome": "Selesai"}}""",
            Link("mulai", "Done", "anak") + "," + Link("anak", "Done", "selesai")));
        var (employee, superior, _) = await DurableRuntimeTests.ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var db = services.GetRequiredService<KinerjaFlowDbContext>();

        var (parent, _) = await runner.StartAsync("induk-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var child = await db.Instances.AsNoTracking().SingleAsync(i => i.ParentInstanceId == parent);
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == child.Id);
        Assert.Equal(superior, task.AssigneeEmployeeId);
        await runner.CompleteTaskAsync(task.Id, "Setuju", null, DurableRuntimeTests.Actor(superior), CancellationToken.None);

        var done = (await runner.GetAsync(parent, CancellationToken.None))!;
        Assert.Equal(("Selesai", "Lulus"), (done.Outcome, done.Variables["hasil"]?["outcome"]?.GetValue<string>()));

        var (second, _) = await runner.StartAsync("induk-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        await runner.CancelAsync(second, "admin", "salah usul", CancellationToken.None);
        db.ChangeTracker.Clear();
        var secondChild = await db.Instances.AsNoTracking().SingleAsync(i => i.ParentInstanceId == second);
        Assert.Equal(InstanceStatus.Cancelled, secondChild.Status);
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == secondChild.Id)).Status);
    }

    [SkippableFact]
    public async Task A_webhook_is_sent_with_its_idempotency_key_retried_on_failure_and_dead_lettered_at_last()
    {
        using var listener = new HttpListener();
        var port = System.Net.Sockets.TcpListener.Create(0) is var probe && Start(probe) is var p ? p : 0;
        var prefix = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(prefix);
        listener.Start();
        var received = new List<(string Path, string? Key)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync().WaitAsync(stop.Token);
                lock (received)
                    received.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Idempotency-Key"]));
                context.Response.StatusCode = context.Request.Url.AbsolutePath.EndsWith("/gagal", StringComparison.Ordinal) ? 500 : 200;
                await context.Response.OutputStream.WriteAsync("{\"nomor\": \"A-1\"}"u8.ToArray());
                context.Response.Close();
            }
        });

        await using var runtime = Runtime(s => s.Configure<WorkerOptions>(o => { o.MaxAttempts = 2; o.RetryDelay = TimeSpan.Zero; o.AllowPrivateWebhookTargets = true; }));
        await using var scope = await ScopeAsync(runtime, "palangkaraya");
        var services = scope.ServiceProvider;
        foreach (var (id, path) in new[] { ("kirim-ok", "siasn/usul"), ("kirim-gagal", "siasn/gagal") })
        {
            await DurableRuntimeTests.PublishAsync(services, Flow(id,
                """{"id": "mulai", "type": "Start"}, {"id": "kirim", "type": "HttpRequest", "properties": {"url": "PREFIXPATH", "body": "({nip: '1'})", "wait": true, "resultVariable": "jawaban"}}, {"id": "ok", "type": "End", "properties": {"outcome": "Terkirim"}}, {"id": "gagal", "type": "End", "properties": {"outcome": "Gagal"}}"""
                    .Replace("PREFIXPATH", prefix + path, StringComparison.Ordinal),
                Link("mulai", "Done", "kirim") + "," + Link("kirim", "Done", "ok") + "," + Link("kirim", "Failed", "gagal")));
        }

        var runner = services.GetRequiredService<InstanceRunner>();
        var (good, _) = await runner.StartAsync("kirim-ok", new WorkflowInput(), new StartOptions(), CancellationToken.None);
        var (bad, _) = await runner.StartAsync("kirim-gagal", new WorkflowInput(), new StartOptions(), CancellationToken.None);
        var work = services.GetRequiredService<BackgroundWork>();
        for (var round = 0; round < 5; round++)
            await work.DeliverOutboxAsync(CancellationToken.None);
        await stop.CancelAsync();

        var ok = (await runner.GetAsync(good, CancellationToken.None))!;
        Assert.Equal(("Terkirim", "A-1"), (ok.Outcome, ok.Variables["jawaban"]?["body"]?["nomor"]?.GetValue<string>()));
        var failed = (await runner.GetAsync(bad, CancellationToken.None))!;
        Assert.Equal("Gagal", failed.Outcome);
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        Assert.Equal(OutboxStatus.DeadLetter, (await db.Outbox.AsNoTracking().SingleAsync(m => m.InstanceId == bad)).Status);
        lock (received)
        {
            Assert.Single(received, r => r.Path.EndsWith("/usul", StringComparison.Ordinal));
            Assert.Equal(2, received.Count(r => r.Path.EndsWith("/gagal", StringComparison.Ordinal)));
            Assert.All(received, r => Assert.False(string.IsNullOrEmpty(r.Key)));
        }

        static int Start(System.Net.Sockets.TcpListener probe)
        {
            probe.Start();
            var free = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return free;
        }
    }

    [SkippableFact]
    public async Task A_webhook_to_the_servers_own_network_is_refused_and_dead_lettered_at_once()
    {
        await using var runtime = Runtime();
        await using var scope = await ScopeAsync(runtime, "semarang");
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, Flow("kirim-dalam",
            """{"id": "mulai", "type": "Start"}, {"id": "kirim", "type": "HttpRequest", "properties": {"url": "http://127.0.0.1:9/metadata", "wait": true}}, {"id": "ok", "type": "End", "properties": {"outcome": "Terkirim"}}, {"id": "gagal", "type": "End", "properties": {"outcome": "Gagal"}}""",
            Link("mulai", "Done", "kirim") + "," + Link("kirim", "Done", "ok") + "," + Link("kirim", "Failed", "gagal")));
        var runner = services.GetRequiredService<InstanceRunner>();
        var (id, _) = await runner.StartAsync("kirim-dalam", new WorkflowInput(), new StartOptions(), CancellationToken.None);

        await services.GetRequiredService<BackgroundWork>().DeliverOutboxAsync(CancellationToken.None);

        var message = await services.GetRequiredService<KinerjaFlowDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.InstanceId == id);
        Assert.Equal((OutboxStatus.DeadLetter, 1), (message.Status, message.Attempts));
        Assert.Contains("internal network", message.LastError, StringComparison.Ordinal);
        Assert.Equal("Gagal", (await runner.GetAsync(id, CancellationToken.None))!.Outcome);
        Assert.False(WebhookClient.IsPublic(IPAddress.Parse("169.254.169.254")));
        Assert.False(WebhookClient.IsPublic(IPAddress.Parse("10.1.2.3")));
        Assert.False(WebhookClient.IsPublic(IPAddress.Parse("::ffff:192.168.1.1")));
        Assert.True(WebhookClient.IsPublic(IPAddress.Parse("203.0.113.10")));
    }
}

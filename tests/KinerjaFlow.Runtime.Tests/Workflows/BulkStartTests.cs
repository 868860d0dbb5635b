using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Bulk;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

public abstract class BulkStartTests(TestDatabase database) : DatabaseTests(database)
{
    [SkippableFact]
    public async Task A_bulk_start_makes_one_instance_per_employee_once_even_when_repeated_or_resumed()
    {
        var tenant = await Database.TenantIdAsync("kotalama");
        await using var scope = Database.Scope(tenant);
        var services = scope.ServiceProvider;
        await DurableRuntimeTests.PublishAsync(services, DurableRuntimeTests.TwoStep("skp-siklus"));
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
        var bulk = services.GetRequiredService<BulkStarts>();

        var queued = await bulk.CreateAsync("skp-siklus", "2027-S1", [root], includeSubunits: true, null, "admin", CancellationToken.None);
        Assert.True(queued.Total > 0);
        Assert.Equal(queued.Id, (await bulk.CreateAsync("skp-siklus", "2027-S1", [root], true, null, "admin", CancellationToken.None)).Id);

        // An instance made before a crash (as if a chunk died after some starts) is not made twice.
        var first = await db.Employees.Where(e => e.Unit!.ParentId == root || e.UnitId == root).OrderBy(e => e.Nip).FirstAsync();
        await services.GetRequiredService<InstanceRunner>().StartAsync("skp-siklus", new WorkflowInput(), new StartOptions(first.Id, BatchKey: "2027-S1", SubjectKey: first.Nip), CancellationToken.None);

        var work = services.GetRequiredService<BackgroundWork>();
        for (var round = 0; round < 100 && (await bulk.GetAsync(queued.Id, CancellationToken.None))!.Status != BulkStartStatus.Completed; round++)
            await work.RunBulkStartsAsync(CancellationToken.None);

        var done = (await bulk.GetAsync(queued.Id, CancellationToken.None))!;
        Assert.Equal((BulkStartStatus.Completed, queued.Total, 100.0), (done.Status, done.Started, done.Percent));
        await using var check = Database.CreateContext(tenant);
        var made = await check.Instances.Where(i => i.BatchKey == "2027-S1").Select(i => i.SubjectKey).ToListAsync();
        Assert.Equal(queued.Total, made.Count);
        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.Equal(queued.Total, await check.Tasks.CountAsync(t => t.DefinitionId == "skp-siklus"));
    }

    [SkippableFact]
    public async Task A_bulk_start_of_an_unpublished_workflow_or_without_units_is_refused()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("semarang"));
        var bulk = scope.ServiceProvider.GetRequiredService<BulkStarts>();
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => bulk.CreateAsync("tidak-ada", "b1", [Guid.NewGuid()], false, null, null, CancellationToken.None));
        await DurableRuntimeTests.PublishAsync(scope.ServiceProvider, DurableRuntimeTests.TwoStep("skp-siklus-2"));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => bulk.CreateAsync("skp-siklus-2", "b1", [], false, null, null, CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => bulk.CreateAsync("skp-siklus-2", "b1", [Guid.NewGuid()], false, null, null, CancellationToken.None));
    }
}

using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>Definitions and demo people shared by the assignee, mode and task-assignment tests.</summary>
internal static class TaskPeople
{
    /// <summary>Start → one UserTask (Setuju / Tolak, Tolak needs a comment) → End Disetujui / Ditolak.</summary>
    public static WorkflowDefinition OneTask(string id, JsonObject assignee, string? mode = null, int? quorum = null, bool allowRepeat = false)
    {
        var properties = new JsonObject
        {
            ["title"] = "Tugas uji", ["assignee"] = assignee.DeepClone(), ["outcomes"] = new JsonArray("Setuju", "Tolak"), ["commentRequired"] = new JsonArray("Tolak"),
        };
        if (mode is not null)
            properties["mode"] = mode;
        if (quorum is not null)
            properties["quorum"] = quorum;
        if (allowRepeat)
            properties["allowRepeatApprover"] = true;
        return new WorkflowDefinition
        {
            DefinitionId = id, Version = 1, Name = "Uji " + id,
            Activities =
            [
                new ActivityDefinition { Id = "mulai", Type = "Start" },
                new ActivityDefinition { Id = "tugas", Type = "UserTask", Properties = properties },
                new ActivityDefinition { Id = "ok", Type = "End", Properties = new JsonObject { ["outcome"] = "Disetujui" } },
                new ActivityDefinition { Id = "tolak", Type = "End", Properties = new JsonObject { ["outcome"] = "Ditolak" } },
            ],
            Connections =
            [
                new Connection { Source = new("mulai", "Done"), Target = new("tugas", "In") },
                new Connection { Source = new("tugas", "Setuju"), Target = new("ok", "In") },
                new Connection { Source = new("tugas", "Tolak"), Target = new("tolak", "In") },
            ],
        };
    }

    /// <summary>Start → "satu" → (Setuju) "dua" → End; each task with its own rule.</summary>
    public static WorkflowDefinition TwoTasks(string id, JsonObject first, JsonObject second, bool allowRepeatOnSecond = false)
    {
        var definition = OneTask(id, first);
        definition.Activities[1].Id = "satu";
        var dua = (JsonObject)definition.Activities[1].Properties.DeepClone();
        dua["assignee"] = second.DeepClone();
        if (allowRepeatOnSecond)
            dua["allowRepeatApprover"] = true;
        definition.Activities.Insert(2, new ActivityDefinition { Id = "dua", Type = "UserTask", Properties = dua });
        definition.Connections =
        [
            new Connection { Source = new("mulai", "Done"), Target = new("satu", "In") },
            new Connection { Source = new("satu", "Setuju"), Target = new("dua", "In") },
            new Connection { Source = new("satu", "Tolak"), Target = new("tolak", "In") },
            new Connection { Source = new("dua", "Setuju"), Target = new("ok", "In") },
            new Connection { Source = new("dua", "Tolak"), Target = new("tolak", "In") },
        ];
        return definition;
    }

    public static JsonObject Rule(string kind, string? key = null, string? value = null)
    {
        var rule = new JsonObject { ["kind"] = kind };
        if (key is not null)
            rule[key] = value;
        return rule;
    }

    public static Task<Employee> HolderAsync(KinerjaFlowDbContext db, string positionCode) =>
        db.Employees.AsNoTracking().SingleAsync(e => e.Position!.Code == positionCode);

    public static Task<Employee> ByEmailAsync(KinerjaFlowDbContext db, string slug, string role) =>
        db.Employees.AsNoTracking().SingleAsync(e => e.Email == $"{role}@{slug}.demo");

    /// <summary>Holders of Inspektorat positions, none of them in the BKPSDM chain of the demo pegawai.</summary>
    public static async Task<List<Employee>> InspectorsAsync(KinerjaFlowDbContext db, int count)
    {
        var people = await db.Employees.AsNoTracking().Where(e => e.Position!.Code.StartsWith("INSP.") && e.Position.Code != "INSP.KEPALA")
            .OrderBy(e => e.Nip).Take(count).ToListAsync();
        Assert.Equal(count, people.Count);
        return people;
    }

    public static TaskActor Actor(Employee employee, params string[] roles) => new(employee.Name, employee.Id, roles, employee.UnitId);

    public static Task<List<WorkflowTask>> TasksAsync(IServiceProvider services, Guid instanceId) =>
        services.GetRequiredService<KinerjaFlowDbContext>().Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId)
            .OrderBy(t => t.ActivityId).ThenBy(t => t.Sequence).ThenBy(t => t.CreatedAt).ToListAsync();

    public static async Task<List<JournalEntry>> JournalAsync(IServiceProvider services, Guid instanceId) =>
        (await services.GetRequiredService<InstanceRunner>().GetAsync(instanceId, CancellationToken.None))!.Journal;

    public static async Task<Guid> StartAsync(IServiceProvider services, WorkflowDefinition definition, Guid initiator)
    {
        await DurableRuntimeTests.PublishAsync(services, definition);
        var (id, _) = await services.GetRequiredService<InstanceRunner>().StartAsync(definition.DefinitionId, new WorkflowInput(), new StartOptions(initiator), CancellationToken.None);
        return id;
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}

using System.Collections.Concurrent;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Expressions;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>
/// What every step would otherwise rebuild: one expression sandbox for the process (its prepared-script
/// cache is what makes expressions cheap), an interpreter per pemda (its working-day calendar, reloaded
/// after <see cref="CalendarLifetime"/>), and the frozen definition versions that instances run.
/// A singleton; safe for concurrent use.
/// </summary>
public sealed class EngineCache(TimeProvider clock)
{
    /// <summary>How long a pemda's calendar is trusted before it is read again (holiday edits show up after this).</summary>
    public static readonly TimeSpan CalendarLifetime = TimeSpan.FromMinutes(1);

    private const int MaxDefinitions = 2_000;

    private readonly ExpressionEvaluator _evaluator = new();
    private readonly ConcurrentDictionary<Guid, (WorkflowInterpreter Interpreter, DateTimeOffset LoadedAt)> _interpreters = new();
    private readonly ConcurrentDictionary<(Guid Tenant, string DefinitionId, int Version), WorkflowDefinition> _definitions = new();

    /// <summary>The interpreter for the tenant in force of <paramref name="db"/>.</summary>
    public async ValueTask<WorkflowInterpreter> InterpreterAsync(KinerjaFlowDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("No tenant in force.");
        var now = clock.GetUtcNow();
        if (_interpreters.TryGetValue(tenantId, out var cached) && now - cached.LoadedAt < CalendarLifetime)
            return cached.Interpreter;
        var calendar = await new TenantCalendars(db).ForCurrentTenantAsync(cancellationToken);
        var interpreter = new WorkflowInterpreter(evaluator: _evaluator, workingDays: calendar);
        _interpreters[tenantId] = (interpreter, now);
        return interpreter;
    }

    /// <summary>Forgets the calendar of a pemda at once (after its holidays changed).</summary>
    public void ForgetCalendar(Guid tenantId) => _interpreters.TryRemove(tenantId, out _);

    /// <summary>
    /// A version that an instance runs. Published and retired versions never change, so they are
    /// kept; a draft is read each time.
    /// </summary>
    public async ValueTask<WorkflowDefinition?> DefinitionAsync(KinerjaFlowDbContext db, string definitionId, int version, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("No tenant in force.");
        var key = (tenantId, definitionId, version);
        if (_definitions.TryGetValue(key, out var definition))
            return definition;
        var row = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Version == version)
            .Select(d => new { d.Json, d.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;
        definition = WorkflowJson.Deserialize(row.Json);
        if (row.Status != DefinitionStatus.Draft)
        {
            if (_definitions.Count >= MaxDefinitions)
                _definitions.Clear();
            _definitions[key] = definition;
        }

        return definition;
    }

    /// <summary>The published version of <paramref name="definitionId"/>, or null.</summary>
    public async ValueTask<WorkflowDefinition?> PublishedAsync(KinerjaFlowDbContext db, string definitionId, CancellationToken cancellationToken)
    {
        var version = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .Select(d => (int?)d.Version)
            .SingleOrDefaultAsync(cancellationToken);
        return version is { } v ? await DefinitionAsync(db, definitionId, v, cancellationToken) : null;
    }
}

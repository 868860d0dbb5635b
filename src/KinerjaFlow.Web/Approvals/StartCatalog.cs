using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>A workflow in the Ajukan catalogue.</summary>
public sealed record StartableWorkflow(string DefinitionId, int Version, string Name, string? Description, string? StartFormKey);

/// <summary>The published workflows of the pemda in force that the signed-in user may start by hand (<see cref="StartRules"/>).</summary>
public sealed class StartCatalog(CurrentUser user, KinerjaFlowDbContext db, EngineCache engine)
{
    public async Task<IReadOnlyList<StartableWorkflow>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        if (user.TenantId is null)
            return [];
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        var unitCode = actor.UnitId is { } unitId ? await db.Units.Where(u => u.Id == unitId).Select(u => u.Code).SingleOrDefaultAsync(cancellationToken) : null;
        var published = await db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published)
            .OrderBy(d => d.Name).Select(d => new { d.DefinitionId, d.Version }).ToListAsync(cancellationToken);
        var found = new List<StartableWorkflow>();
        foreach (var row in published)
        {
            var definition = await engine.DefinitionAsync(db, row.DefinitionId, row.Version, cancellationToken);
            if (definition is null || !StartRules.Allows(definition.WhoMayStart, actor.Roles, unitCode))
                continue;
            if (search is { Length: > 0 } s && !definition.Name.Contains(s.Trim(), StringComparison.CurrentCultureIgnoreCase)
                && definition.Description?.Contains(s.Trim(), StringComparison.CurrentCultureIgnoreCase) != true)
                continue;
            found.Add(new StartableWorkflow(definition.DefinitionId, definition.Version, definition.Name, definition.Description, definition.StartFormKey));
        }

        return found;
    }

    /// <summary>One startable workflow, or null when it is not published or the user may not start it.</summary>
    public async Task<StartableWorkflow?> FindAsync(string definitionId, CancellationToken cancellationToken) =>
        (await ListAsync(null, cancellationToken)).FirstOrDefault(w => w.DefinitionId == definitionId);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Definitions.Diff;

/// <summary>
/// Compares two versions of a workflow definition: which activities, connections and variables were
/// added, removed or changed, and which definition-level fields (name, description, start form,
/// who may start) changed. A change of designer position only is reported as a move, apart from
/// the changes that alter behaviour.
/// </summary>
public static class DefinitionDiff
{
    /// <summary>What changed from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static DefinitionDifference Compare(WorkflowDefinition from, WorkflowDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var result = new DefinitionDifference { FromVersion = from.Version, ToVersion = to.Version };
        CompareFields(from, to, result.Fields);
        CompareActivities(from, to, result);
        CompareConnections(from, to, result);
        CompareVariables(from, to, result);
        return result;
    }

    private static void CompareFields(WorkflowDefinition from, WorkflowDefinition to, List<FieldChange> changes)
    {
        void Field(string name, JsonNode? before, JsonNode? after)
        {
            if (!JsonNode.DeepEquals(before, after))
                changes.Add(new FieldChange(name, before, after));
        }

        Field("name", JsonValue.Create(from.Name), JsonValue.Create(to.Name));
        Field("description", JsonValue.Create(from.Description), JsonValue.Create(to.Description));
        Field("startFormKey", JsonValue.Create(from.StartFormKey), JsonValue.Create(to.StartFormKey));
        Field("whoMayStart", ToNode(from.WhoMayStart), ToNode(to.WhoMayStart));
    }

    private static void CompareActivities(WorkflowDefinition from, WorkflowDefinition to, DefinitionDifference result)
    {
        // Duplicate ids are a publish error; the first of each id is compared, like the validator indexes.
        var before = Index(from.Activities);
        var after = Index(to.Activities);
        foreach (var (id, activity) in after)
        {
            if (!before.ContainsKey(id))
                result.ActivitiesAdded.Add(new ActivityReference(id, activity.Type, activity.Name));
        }

        foreach (var (id, old) in before)
        {
            if (!after.TryGetValue(id, out var current))
            {
                result.ActivitiesRemoved.Add(new ActivityReference(id, old.Type, old.Name));
                continue;
            }

            var properties = new List<PropertyChange>();
            foreach (var name in old.Properties.Select(p => p.Key).Union(current.Properties.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var (oldValue, newValue) = (old.Properties[name], current.Properties[name]);
                if (!JsonNode.DeepEquals(oldValue, newValue))
                    properties.Add(new PropertyChange(name, oldValue?.DeepClone(), newValue?.DeepClone()));
            }

            var typeChanged = !string.Equals(old.Type, current.Type, StringComparison.Ordinal);
            var nameChanged = !string.Equals(old.Name ?? string.Empty, current.Name ?? string.Empty, StringComparison.Ordinal);
            if (typeChanged || nameChanged || properties.Count > 0)
            {
                result.ActivitiesChanged.Add(new ActivityChange(id, current.Type, current.Name,
                    typeChanged ? old.Type : null, nameChanged ? old.Name : null, nameChanged, properties));
            }

            if (old.Position != current.Position)
                result.ActivitiesMoved.Add(new ActivityMove(id, current.Name, old.Position, current.Position));
        }

        result.ActivitiesAdded.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        result.ActivitiesRemoved.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        result.ActivitiesChanged.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        result.ActivitiesMoved.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
    }

    private static void CompareConnections(WorkflowDefinition from, WorkflowDefinition to, DefinitionDifference result)
    {
        // As multisets: a connection drawn twice and then once is one removal.
        var remaining = to.Connections.Select(Key).ToList();
        foreach (var connection in from.Connections)
        {
            var index = remaining.IndexOf(Key(connection));
            if (index >= 0)
                remaining.RemoveAt(index);
            else
                result.ConnectionsRemoved.Add(Copy(connection));
        }

        var unmatched = from.Connections.Select(Key).ToList();
        foreach (var connection in to.Connections)
        {
            var index = unmatched.IndexOf(Key(connection));
            if (index >= 0)
                unmatched.RemoveAt(index);
            else
                result.ConnectionsAdded.Add(Copy(connection));
        }
    }

    private static void CompareVariables(WorkflowDefinition from, WorkflowDefinition to, DefinitionDifference result)
    {
        var before = from.Variables.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = to.Variables.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var variable in to.Variables.Where(v => !before.ContainsKey(v.Name)))
            result.VariablesAdded.Add(new VariableReference(variable.Name, variable.Type, variable.Default?.DeepClone()));
        foreach (var variable in from.Variables.Where(v => !after.ContainsKey(v.Name)))
            result.VariablesRemoved.Add(new VariableReference(variable.Name, variable.Type, variable.Default?.DeepClone()));
        foreach (var (name, old) in before)
        {
            if (after.TryGetValue(name, out var current)
                && (!string.Equals(old.Type, current.Type, StringComparison.Ordinal) || !JsonNode.DeepEquals(old.Default, current.Default)))
            {
                result.VariablesChanged.Add(new VariableChange(name, old.Type, current.Type, old.Default?.DeepClone(), current.Default?.DeepClone()));
            }
        }
    }

    private static Dictionary<string, ActivityDefinition> Index(IEnumerable<ActivityDefinition> activities)
    {
        var index = new Dictionary<string, ActivityDefinition>(StringComparer.Ordinal);
        foreach (var activity in activities)
            index.TryAdd(activity.Id ?? string.Empty, activity);
        return index;
    }

    private static (string, string, string, string) Key(Connection c) => (c.Source.Activity, c.Source.Port, c.Target.Activity, c.Target.Port);

    private static Connection Copy(Connection c) => new() { Source = c.Source, Target = c.Target };

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, WorkflowJson.Options);
}

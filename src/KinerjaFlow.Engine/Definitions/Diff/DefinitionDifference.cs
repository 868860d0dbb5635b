using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Definitions.Diff;

/// <summary>The result of <see cref="DefinitionDiff.Compare"/>: every list is sorted and empty when nothing of its kind changed.</summary>
public sealed class DefinitionDifference
{
    /// <summary>The version compared from.</summary>
    public int FromVersion { get; init; }

    /// <summary>The version compared to.</summary>
    public int ToVersion { get; init; }

    /// <summary>Definition-level fields that changed: <c>name</c>, <c>description</c>, <c>startFormKey</c>, <c>whoMayStart</c>.</summary>
    public List<FieldChange> Fields { get; } = [];

    /// <summary>Activities only in the newer version.</summary>
    public List<ActivityReference> ActivitiesAdded { get; } = [];

    /// <summary>Activities only in the older version.</summary>
    public List<ActivityReference> ActivitiesRemoved { get; } = [];

    /// <summary>Activities in both whose type, name or properties differ.</summary>
    public List<ActivityChange> ActivitiesChanged { get; } = [];

    /// <summary>Activities in both whose designer position differs (reported apart: a move changes no behaviour).</summary>
    public List<ActivityMove> ActivitiesMoved { get; } = [];

    /// <summary>Connections only in the newer version.</summary>
    public List<Connection> ConnectionsAdded { get; } = [];

    /// <summary>Connections only in the older version.</summary>
    public List<Connection> ConnectionsRemoved { get; } = [];

    /// <summary>Variables only in the newer version.</summary>
    public List<VariableReference> VariablesAdded { get; } = [];

    /// <summary>Variables only in the older version.</summary>
    public List<VariableReference> VariablesRemoved { get; } = [];

    /// <summary>Variables in both whose type or default differs.</summary>
    public List<VariableChange> VariablesChanged { get; } = [];

    /// <summary>True when the two versions behave the same (moves on the canvas aside).</summary>
    public bool IsEmpty => Fields.Count == 0 && ActivitiesAdded.Count == 0 && ActivitiesRemoved.Count == 0 && ActivitiesChanged.Count == 0
        && ConnectionsAdded.Count == 0 && ConnectionsRemoved.Count == 0 && VariablesAdded.Count == 0 && VariablesRemoved.Count == 0
        && VariablesChanged.Count == 0;
}

/// <summary>A definition-level field with its old and new JSON values.</summary>
/// <param name="Field">The JSON member name (<c>name</c>, <c>description</c>, <c>startFormKey</c>, <c>whoMayStart</c>).</param>
/// <param name="Old">The value in the older version.</param>
/// <param name="New">The value in the newer version.</param>
public sealed record FieldChange(string Field, JsonNode? Old, JsonNode? New);

/// <summary>An activity added or removed.</summary>
/// <param name="Id">The activity id.</param>
/// <param name="Type">The activity type.</param>
/// <param name="Name">The label, if any.</param>
public sealed record ActivityReference(string Id, string Type, string? Name);

/// <summary>An activity present in both versions that changed.</summary>
/// <param name="Id">The activity id.</param>
/// <param name="Type">The type in the newer version.</param>
/// <param name="Name">The label in the newer version.</param>
/// <param name="OldType">The type in the older version when it changed, otherwise <see langword="null"/>.</param>
/// <param name="OldName">The label in the older version when it changed.</param>
/// <param name="NameChanged">Whether the label changed.</param>
/// <param name="Properties">The properties that changed, by top-level property name.</param>
public sealed record ActivityChange(string Id, string Type, string? Name, string? OldType, string? OldName, bool NameChanged, IReadOnlyList<PropertyChange> Properties);

/// <summary>A property of an activity with its old and new JSON values (<see langword="null"/> when absent).</summary>
/// <param name="Property">The property name (<c>condition</c>, <c>outcomes</c>, ...).</param>
/// <param name="Old">The value in the older version.</param>
/// <param name="New">The value in the newer version.</param>
public sealed record PropertyChange(string Property, JsonNode? Old, JsonNode? New);

/// <summary>An activity drawn elsewhere on the canvas.</summary>
/// <param name="Id">The activity id.</param>
/// <param name="Name">The label in the newer version.</param>
/// <param name="From">The older position.</param>
/// <param name="To">The newer position.</param>
public sealed record ActivityMove(string Id, string? Name, DesignerPosition? From, DesignerPosition? To);

/// <summary>A variable added or removed.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Default">Its default.</param>
public sealed record VariableReference(string Name, string Type, JsonNode? Default);

/// <summary>A variable whose type or default changed.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="OldType">The older type.</param>
/// <param name="NewType">The newer type.</param>
/// <param name="OldDefault">The older default.</param>
/// <param name="NewDefault">The newer default.</param>
public sealed record VariableChange(string Name, string OldType, string NewType, JsonNode? OldDefault, JsonNode? NewDefault);

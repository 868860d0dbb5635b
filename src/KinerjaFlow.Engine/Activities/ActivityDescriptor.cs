namespace KinerjaFlow.Engine.Activities;

/// <summary>What the designer knows about an activity type: its name, ports and editable properties.</summary>
/// <param name="TypeName">The <c>type</c> of activities of this kind in definitions.</param>
/// <param name="DisplayName">The name in the designer's toolbox.</param>
/// <param name="Category">The toolbox group.</param>
/// <param name="InPorts">Ports a connection may enter (empty for Start).</param>
/// <param name="OutPorts">Ports a connection may leave by. When <paramref name="DynamicOutPorts"/> is set, these are only the fixed ones and the rest come from the properties (outcomes, cases).</param>
/// <param name="Properties">The editable properties.</param>
/// <param name="DynamicOutPorts">True when out ports depend on the properties (UserTask outcomes, Switch cases).</param>
public sealed record ActivityDescriptor(
    string TypeName,
    LocalizedText DisplayName,
    ActivityCategory Category,
    IReadOnlyList<string> InPorts,
    IReadOnlyList<string> OutPorts,
    IReadOnlyList<PropertyDescriptor> Properties,
    bool DynamicOutPorts = false);

/// <summary>An editable property of an activity type.</summary>
/// <param name="Name">The member name in <c>properties</c> of the activity.</param>
/// <param name="DisplayName">The label of the editor.</param>
/// <param name="Editor">Which editor the designer shows.</param>
/// <param name="Required">Whether publishing refuses the activity without it.</param>
public sealed record PropertyDescriptor(string Name, LocalizedText DisplayName, PropertyEditor Editor, bool Required = false);

/// <summary>The toolbox groups.</summary>
public enum ActivityCategory
{
    /// <summary>Start, End, Fork, Join.</summary>
    Flow,

    /// <summary>Decision and Switch.</summary>
    Branching,

    /// <summary>Tasks for people.</summary>
    HumanTask,

    /// <summary>Variables, scripts and decision tables.</summary>
    Data,

    /// <summary>Timers and external events.</summary>
    Timing,

    /// <summary>Notifications, HTTP requests and child workflows.</summary>
    Integration,
}

/// <summary>Editor hints for <see cref="PropertyDescriptor"/>.</summary>
public enum PropertyEditor
{
    /// <summary>A single line of text.</summary>
    Text,

    /// <summary>A JavaScript expression with a syntax check.</summary>
    Expression,

    /// <summary>A multi-line JavaScript script.</summary>
    Script,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>An ordered list of strings (outcomes).</summary>
    StringList,

    /// <summary>The assignee-rule picker (employee, role, direct superior, unit head, position, committee, expression).</summary>
    AssigneeRule,

    /// <summary>A list of <c>{ port, condition }</c> rows.</summary>
    Cases,

    /// <summary>A table of variable name → expression.</summary>
    Assignments,

    /// <summary>A choice among fixed values (join mode).</summary>
    Choice,

    /// <summary>An ISO 8601 duration (<c>PT2H</c>, <c>P3D</c>).</summary>
    Duration,

    /// <summary>A Liquid template (<c>Yth. {{ initiator.nama }}</c>).</summary>
    Template,

    /// <summary>A JSON object or value (headers, outputs).</summary>
    Json,

    /// <summary>A yes/no switch.</summary>
    Boolean,

    /// <summary>The decision-table grid (inputs, outputs, rows).</summary>
    DecisionTable,
}

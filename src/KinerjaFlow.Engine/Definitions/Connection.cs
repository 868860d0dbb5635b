namespace KinerjaFlow.Engine.Definitions;

/// <summary>An arrow of the flowchart: a token leaving <see cref="Source"/> enters <see cref="Target"/>.</summary>
public sealed class Connection
{
    /// <summary>The activity and out port the arrow starts at.</summary>
    public required Endpoint Source { get; set; }

    /// <summary>The activity and in port the arrow ends at.</summary>
    public required Endpoint Target { get; set; }
}

/// <summary>One end of a <see cref="Connection"/>.</summary>
/// <param name="Activity">The activity id.</param>
/// <param name="Port">The port name (<c>Done</c>, <c>True</c>, an outcome such as <c>Setuju</c>, <c>In</c>, ...).</param>
public sealed record Endpoint(string Activity, string Port);

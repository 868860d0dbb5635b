namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>The background worker that fires timers and delivers the outbox (<c>KinerjaFlow:Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "KinerjaFlow:Worker";

    /// <summary>Off for nodes that only serve pages; at least one node must run it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the worker sleeps when it found nothing to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many timers and messages one round claims.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds; a node that dies mid-work releases its rows after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts before a message goes to the dead-letter state.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether webhooks may go to loopback and private addresses (off: a workflow author must not reach the server's own network).</summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    /// <summary>This node's name in leases (defaults to machine and process).</summary>
    public string NodeId { get; set; } = DefaultNodeId();

    private static string DefaultNodeId()
    {
        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return id.Length <= 100 ? id : id[^100..];
    }
}

using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>A side effect an activity asked for (a notification, a webhook, a child workflow); it leaves only through the Runtime's outbox after commit.</summary>
public sealed class OutboxMessage
{
    /// <summary>Deterministic within the instance (<c>m</c> + sequence).</summary>
    public required string Id { get; set; }

    /// <summary>The activity that emitted it.</summary>
    public required string ActivityId { get; set; }

    /// <summary>What to do: one of <see cref="OutboxKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the handler needs.</summary>
    public JsonObject Payload { get; set; } = [];

    /// <summary>When it was emitted.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The kinds of <see cref="OutboxMessage"/>.</summary>
public static class OutboxKinds
{
    /// <summary>An in-app and/or e-mail notification.</summary>
    public const string Notify = "Notify";

    /// <summary>An HTTP request (webhook).</summary>
    public const string Http = "Http";

    /// <summary>Start a child workflow without waiting for it.</summary>
    public const string StartWorkflow = "StartWorkflow";
}

/// <summary>The kinds of <see cref="Bookmark"/>.</summary>
public static class BookmarkKinds
{
    /// <summary>A task for a person.</summary>
    public const string UserTask = "UserTask";

    /// <summary>A timer; <see cref="Bookmark.DueAt"/> is set.</summary>
    public const string Timer = "Timer";

    /// <summary>A named external event: payload <c>{signal, correlationId}</c>.</summary>
    public const string Signal = "Signal";

    /// <summary>A child workflow to start and wait for: payload <c>{definitionId, input}</c>.</summary>
    public const string SubWorkflow = "SubWorkflow";

    /// <summary>The result of an HTTP request sent through the outbox: payload <c>{messageId}</c>.</summary>
    public const string HttpResponse = "HttpResponse";
}

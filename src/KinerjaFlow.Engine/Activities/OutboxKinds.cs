namespace KinerjaFlow.Engine.Activities;

/// <summary>The kinds of <see cref="Execution.OutboxMessage"/> the built-in activities emit.</summary>
public static class OutboxKinds
{
    /// <summary>An in-app and/or e-mail notification (Notify); payload <c>{ to, channels, subject, body }</c>.</summary>
    public const string Notify = "Notify";

    /// <summary>An HTTP request (HttpRequest); payload <c>{ method, url, headers, body }</c>.</summary>
    public const string Http = "Http";

    /// <summary>Start a child workflow without waiting (SubWorkflow with <c>wait: false</c>); payload <c>{ definitionId, input }</c>.</summary>
    public const string StartWorkflow = "StartWorkflow";
}

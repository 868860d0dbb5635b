namespace KinerjaFlow.Engine.Activities;

/// <summary>The kinds of bookmark the built-in activities wait on; the Runtime opens each kind differently.</summary>
public static class BookmarkKinds
{
    /// <summary>A task for a person (UserTask); payload: title, assignee, outcomes, formKey.</summary>
    public const string UserTask = "UserTask";

    /// <summary>A timer (Timer); payload <c>{ dueAt }</c>, and the bookmark's <c>DueAt</c> is set.</summary>
    public const string Timer = "Timer";

    /// <summary>A named external event (WaitSignal); payload <c>{ signal, correlationId }</c>.</summary>
    public const string Signal = "Signal";

    /// <summary>A child workflow to start and wait for (SubWorkflow); payload <c>{ definitionId, input }</c>.</summary>
    public const string SubWorkflow = "SubWorkflow";

    /// <summary>The response of an HTTP request sent through the outbox (HttpRequest); payload <c>{ messageId }</c>.</summary>
    public const string HttpResponse = "HttpResponse";
}

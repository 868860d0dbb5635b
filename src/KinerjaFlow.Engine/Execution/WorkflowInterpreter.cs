using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// The token-based flowchart interpreter. <see cref="Start"/> and <see cref="Resume"/> run
/// synchronously until every token waits on a bookmark or the flow ends, changing the
/// <see cref="InstanceState"/> in place. Pure: no I/O, and deterministic for a given clock, so the
/// Runtime can save the state in one transaction afterwards. An activity that throws, or a script
/// that breaks the sandbox, faults the instance with an <see cref="Incident"/> instead of throwing.
/// </summary>
/// <remarks>Thread-safe: one interpreter serves every instance; an instance must not be run by two threads at once.</remarks>
public sealed partial class WorkflowInterpreter
{
    private readonly ActivityCatalog _catalog;
    private readonly ExpressionEvaluator _evaluator;
    private readonly IWorkingDays? _workingDays;
    private readonly ConditionalWeakTable<WorkflowDefinition, FlowGraph> _graphs = [];

    /// <summary>Creates an interpreter.</summary>
    /// <param name="catalog">The activity types; <see cref="ActivityCatalog.Default"/> when omitted.</param>
    /// <param name="evaluator">The sandbox; a new one when omitted (share one per process for its cache).</param>
    /// <param name="workingDays">The pemda's calendar behind <c>workdays</c> in scripts, if known.</param>
    public WorkflowInterpreter(ActivityCatalog? catalog = null, ExpressionEvaluator? evaluator = null, IWorkingDays? workingDays = null)
    {
        _catalog = catalog ?? ActivityCatalog.Default;
        _evaluator = evaluator ?? new ExpressionEvaluator();
        _workingDays = workingDays;
    }

    /// <summary>
    /// Activities one <see cref="Start"/>, <see cref="Resume"/> or <see cref="Retry"/> may run before
    /// the instance faults; a real flow waits on a task long before that.
    /// </summary>
    public int MaxStepsPerRun { get; init; } = 10_000;

    /// <summary>Starts an instance of <paramref name="definition"/> and runs it until it waits or ends.</summary>
    /// <exception cref="InvalidOperationException">The definition has no Start activity (it was never validated).</exception>
    public InstanceState Start(WorkflowDefinition definition, WorkflowInput input, TimeProvider clock)
    {
        var graph = Graph(definition);
        var start = graph.Start ?? throw new InvalidOperationException(
            $"Definisi {definition.DefinitionId} v{definition.Version} tidak punya aktivitas Start. / Definition {definition.DefinitionId} v{definition.Version} has no Start activity.");
        var now = clock.GetUtcNow();
        var state = new InstanceState
        {
            DefinitionId = definition.DefinitionId,
            DefinitionVersion = definition.Version,
            Form = input.Form?.DeepClone().AsObject() ?? [],
            Initiator = input.Initiator?.DeepClone().AsObject(),
            StartedAt = now,
        };
        foreach (var variable in definition.Variables)
            state.Variables[variable.Name] = variable.Default?.DeepClone();
        foreach (var (name, value) in input.Variables ?? [])
            state.Variables[name] = value?.DeepClone();
        state.Journal.Add(new JournalEntry(now, null, JournalEvent.InstanceStarted, input.Actor));
        state.Tokens.Add(new Token { Id = NextId(state, "t"), ActivityId = start.Id });
        RunTokens(graph, state, clock);
        return state;
    }

    /// <summary>
    /// Resumes the bookmark <paramref name="bookmarkId"/> (for a UserTask: <c>{ "outcome": ..., "comment": ... }</c>)
    /// and runs until every token waits again or the flow ends.
    /// </summary>
    /// <exception cref="InvalidOperationException">The instance is not waiting, or runs another definition.</exception>
    /// <exception cref="ArgumentException">No such bookmark, or the payload is refused (unknown outcome, missing comment); the state is unchanged.</exception>
    public InstanceState Resume(WorkflowDefinition definition, InstanceState state, string bookmarkId, JsonObject? payload, string? actor, TimeProvider clock)
    {
        EnsureSameDefinition(definition, state);
        if (state.Status != InstanceStatus.Suspended)
        {
            throw new InvalidOperationException(
                $"Instans berstatus {state.Status}, tidak sedang menunggu. / The instance is {state.Status}, not waiting.");
        }

        var bookmark = state.Bookmarks.Find(b => b.Id == bookmarkId) ?? throw new ArgumentException(
            $"Penanda '{bookmarkId}' tidak ada pada instans ini. / Bookmark '{bookmarkId}' does not exist on this instance.", nameof(bookmarkId));
        var graph = Graph(definition);
        var token = state.Tokens.Find(t => t.Id == bookmark.TokenId);
        var activity = graph.Activity(bookmark.ActivityId);
        var type = graph.Type(bookmark.ActivityId);
        if (token is null || activity is null || type is null)
        {
            throw new InvalidOperationException(
                $"Penanda '{bookmarkId}' menunjuk aktivitas '{bookmark.ActivityId}' yang tidak ada. / Bookmark '{bookmarkId}' points at activity '{bookmark.ActivityId}', which does not exist.");
        }

        ActivityResult result;
        var outbox = state.Outbox.Count;
        try
        {
            result = type.Resume(Context(graph, activity, state, token, clock), payload, actor);
        }
        catch (ArgumentException)
        {
            TakeBackEmitted(state, outbox);
            throw;
        }
        catch (Exception exception)
        {
            TakeBackEmitted(state, outbox);
            // Whatever an activity throws becomes an incident that an administrator can retry; the
            // incident keeps the resume, so the retry replays the decision instead of losing it.
            Fault(state, activity.Id, exception, clock);
            state.Incident = state.Incident! with { ResumeBookmarkId = bookmarkId, ResumePayload = (JsonObject?)payload?.DeepClone(), ResumeActor = actor };
            return state;
        }

        state.Bookmarks.Remove(bookmark);
        state.Journal.Add(new JournalEntry(clock.GetUtcNow(), activity.Id, JournalEvent.Resumed, actor, Describe(payload)));
        state.Status = InstanceStatus.Running;
        Apply(graph, state, token, result, clock);
        if (state.Status == InstanceStatus.Running)
            RunTokens(graph, state, clock);
        return state;
    }

    /// <summary>Runs a faulted instance again from the activity that failed, after its data was fixed.</summary>
    /// <exception cref="InvalidOperationException">The instance is not faulted.</exception>
    public InstanceState Retry(WorkflowDefinition definition, InstanceState state, string? actor, TimeProvider clock)
    {
        EnsureSameDefinition(definition, state);
        if (state.Status != InstanceStatus.Faulted)
            throw new InvalidOperationException($"Hanya instans yang gagal dapat diulang. / Only a faulted instance can be retried (it is {state.Status}).");
        var incident = state.Incident;
        state.Journal.Add(new JournalEntry(clock.GetUtcNow(), incident?.ActivityId, JournalEvent.Retried, actor));
        state.Incident = null;
        if (incident?.ResumeBookmarkId is { } bookmarkId && state.Bookmarks.Exists(b => b.Id == bookmarkId))
        {
            state.Status = InstanceStatus.Suspended;
            return Resume(definition, state, bookmarkId, incident.ResumePayload, incident.ResumeActor, clock);
        }

        RunTokens(Graph(definition), state, clock);
        return state;
    }

    /// <summary>Cancels an instance that has not finished: its tokens and bookmarks are dropped.</summary>
    /// <exception cref="InvalidOperationException">The instance already completed or was cancelled.</exception>
    public static InstanceState Cancel(InstanceState state, string? actor, string? reason, TimeProvider clock)
    {
        if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
            throw new InvalidOperationException($"Instans sudah {state.Status}. / The instance is already {state.Status}.");
        var now = clock.GetUtcNow();
        state.Tokens.Clear();
        state.Bookmarks.Clear();
        state.Loops.Clear();
        state.Status = InstanceStatus.Cancelled;
        state.FinishedAt = now;
        state.Journal.Add(new JournalEntry(now, null, JournalEvent.InstanceCancelled, actor, reason));
        return state;
    }

    private FlowGraph Graph(WorkflowDefinition definition) => _graphs.GetValue(definition, d => new FlowGraph(d, _catalog));

    private ActivityContext Context(FlowGraph graph, ActivityDefinition activity, InstanceState state, Token? token, TimeProvider clock) =>
        new(activity, state, _evaluator, clock, _workingDays, token, port => graph.Outgoing(activity.Id, port).Count > 0);

    /// <summary>A failed step emits nothing: a retry would otherwise send its messages twice.</summary>
    private static void TakeBackEmitted(InstanceState state, int count)
    {
        if (state.Outbox.Count > count)
            state.Outbox.RemoveRange(count, state.Outbox.Count - count);
    }

    private static void EnsureSameDefinition(WorkflowDefinition definition, InstanceState state)
    {
        if (definition.DefinitionId != state.DefinitionId || definition.Version != state.DefinitionVersion)
        {
            throw new InvalidOperationException(
                $"Instans berjalan pada {state.DefinitionId} v{state.DefinitionVersion}, bukan {definition.DefinitionId} v{definition.Version}. / " +
                $"The instance runs {state.DefinitionId} v{state.DefinitionVersion}, not {definition.DefinitionId} v{definition.Version}.");
        }
    }

    private static string? Describe(JsonObject? payload)
    {
        var outcome = payload?["outcome"]?.ToString();
        var comment = payload?["comment"]?.ToString();
        return string.IsNullOrEmpty(comment) ? outcome : $"{outcome}: {comment}";
    }

    internal static string NextId(InstanceState state, string prefix) => prefix + (++state.Sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

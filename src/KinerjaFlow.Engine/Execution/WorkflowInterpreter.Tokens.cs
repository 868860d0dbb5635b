using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Execution;

/// <summary>Moving tokens: running activities, following connections, waiting, completing, faulting.</summary>
public sealed partial class WorkflowInterpreter
{
    private void RunTokens(FlowGraph graph, InstanceState state, TimeProvider clock)
    {
        state.Status = InstanceStatus.Running;
        var steps = 0;
        while (state.Status == InstanceStatus.Running)
        {
            var token = state.Tokens.Find(t => t.Status == TokenStatus.Ready);
            if (token is null)
            {
                if (!ContinueSettledJoin(graph, state, clock))
                    Settle(state, clock);
            }
            else if (++steps > MaxStepsPerRun)
            {
                // A cycle without a task in it (Decision → SetVariables → Decision ...) would otherwise hold the node for ever.
                Fault(state, token.ActivityId,
                    $"Alur berjalan lebih dari {MaxStepsPerRun} langkah tanpa menunggu (kemungkinan perulangan tanpa akhir di diagram). / " +
                    $"The flow ran more than {MaxStepsPerRun} steps without waiting (probably an endless loop in the diagram).",
                    null, clock);
            }
            else
            {
                Step(graph, state, token, clock);
            }
        }
    }

    private void Step(FlowGraph graph, InstanceState state, Token token, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var activity = graph.Activity(token.ActivityId);
        var type = graph.Type(token.ActivityId);
        if (activity is null || type is null)
        {
            Fault(state, token.ActivityId, activity is null
                ? $"Aktivitas '{token.ActivityId}' tidak ada dalam definisi. / Activity '{token.ActivityId}' is not in the definition."
                : $"Jenis aktivitas '{activity.Type}' tidak dikenal. / Unknown activity type '{activity.Type}'.", null, clock);
            return;
        }

        state.Journal.Add(new JournalEntry(now, activity.Id, JournalEvent.Entered));
        ActivityResult result;
        var outbox = state.Outbox.Count;
        try
        {
            result = type.Execute(Context(graph, activity, state, token, clock));
        }
        catch (Exception exception)
        {
            TakeBackEmitted(state, outbox);
            // Whatever an activity throws becomes an incident that an administrator can retry.
            Fault(state, activity.Id, exception, clock);
            return;
        }

        Apply(graph, state, token, result, clock);
    }

    private static void Apply(FlowGraph graph, InstanceState state, Token token, ActivityResult result, TimeProvider clock)
    {
        switch (result.Kind)
        {
            case ActivityResultKind.Continue:
                if (graph.Type(token.ActivityId) is ForkActivity)
                    DiscardEarlierArrivals(graph, state, token.ActivityId, clock);
                if (result.Exits is { } exits)
                    Leave(graph, state, token, exits);
                else
                    Leave(graph, state, token, [.. result.Ports.Select(p => new ScopedExit(p, token.Scope))]);
                break;
            case ActivityResultKind.Wait:
                var now = clock.GetUtcNow();
                token.Status = TokenStatus.Waiting;
                var bookmark = new Bookmark
                {
                    Id = NextId(state, "b"),
                    ActivityId = token.ActivityId,
                    TokenId = token.Id,
                    Kind = result.BookmarkKind ?? "Wait",
                    Payload = result.BookmarkPayload ?? [],
                    CreatedAt = now,
                    DueAt = result.DueAt,
                };
                // The Runtime resolves per-iteration things (a reviewer's task) from the item.
                if (token.Scope is { } scope && scope.ContainsKey("item"))
                {
                    bookmark.Payload["item"] = scope["item"]?.DeepClone();
                    bookmark.Payload["index"] = scope["index"]?.DeepClone();
                }

                state.Bookmarks.Add(bookmark);
                state.Journal.Add(new JournalEntry(now, token.ActivityId, JournalEvent.Waiting, Detail: bookmark.Id));
                break;
            case ActivityResultKind.Complete:
                Complete(state, token, result.Outcome, clock);
                break;
            case ActivityResultKind.Join:
                Arrive(graph, state, token, result, clock);
                break;
        }
    }

    /// <summary>
    /// Sends the token along every connection leaving the given ports, each with its exit's scope
    /// (tokens split off keep the scope of the token they split from); the first keeps the token, the
    /// others get new ones.
    /// </summary>
    private static void Leave(FlowGraph graph, InstanceState state, Token token, IReadOnlyList<ScopedExit> exits)
    {
        var moved = false;
        var source = token.ActivityId;
        foreach (var (port, scope) in exits)
        {
            foreach (var edge in graph.Outgoing(source, port))
            {
                if (!moved)
                {
                    token.ActivityId = edge.Target;
                    token.From = edge.Key;
                    token.Status = TokenStatus.Ready;
                    token.Scope = scope is null ? null : (JsonObject)scope.DeepClone();
                    moved = true;
                }
                else
                {
                    state.Tokens.Add(new Token
                    {
                        Id = NextId(state, "t"), ActivityId = edge.Target, From = edge.Key, Scope = scope is null ? null : (JsonObject)scope.DeepClone(),
                    });
                }
            }
        }

        // A port without a connection ends this branch; the others go on.
        if (!moved)
            state.Tokens.Remove(token);
    }

    private static void Complete(InstanceState state, Token token, string? outcome, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        foreach (var other in state.Tokens)
        {
            if (other != token)
                state.Journal.Add(new JournalEntry(now, other.ActivityId, JournalEvent.BranchCancelled));
        }

        state.Tokens.Clear();
        state.Bookmarks.Clear();
        state.Loops.Clear();
        Finish(state, token.ActivityId, outcome, now);
    }

    private static void Finish(InstanceState state, string? activityId, string? outcome, DateTimeOffset now)
    {
        state.Status = InstanceStatus.Completed;
        state.Outcome = outcome;
        state.FinishedAt = now;
        state.Journal.Add(new JournalEntry(now, activityId, JournalEvent.InstanceCompleted, Detail: outcome));
    }

    /// <summary>No token is ready and no join can continue: the instance waits, has ended, or is stuck at a join.</summary>
    private static void Settle(InstanceState state, TimeProvider clock)
    {
        if (state.Tokens.Count == 0 && state.Loops.Count > 0)
        {
            // An iteration ended without coming back (an open port in the loop's body).
            var loop = state.Loops[0].ActivityId;
            Fault(state, loop,
                $"Perulangan '{loop}' tidak dapat selesai: ada iterasi yang berakhir tanpa kembali ke aktivitas ForEach. / " +
                $"Loop '{loop}' can never finish: an iteration ended without coming back to the ForEach activity.",
                null, clock);
        }
        else if (state.Tokens.Count == 0)
        {
            Finish(state, null, null, clock.GetUtcNow());
        }
        else if (state.Tokens.Exists(t => t.Status == TokenStatus.Waiting))
        {
            state.Status = InstanceStatus.Suspended;
        }
        else
        {
            var join = state.Tokens[0].ActivityId;
            Fault(state, join,
                $"Penggabungan '{join}' tidak dapat dilanjutkan: cabang yang ditunggu tidak akan tiba. / Join '{join}' can never continue: the branches it waits for will not arrive.",
                null, clock);
        }
    }

    private static void Fault(InstanceState state, string activityId, Exception exception, TimeProvider clock) =>
        Fault(state, activityId, exception is ExpressionException expression
            ? $"Aktivitas '{activityId}': {expression.Indonesian} / Activity '{activityId}': {expression.English}"
            : exception.Message, exception.GetType().FullName, clock);

    private static void Fault(InstanceState state, string activityId, string message, string? exceptionType, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        state.Status = InstanceStatus.Faulted;
        state.Incident = new Incident(activityId, message, now, exceptionType);
        state.Journal.Add(new JournalEntry(now, activityId, JournalEvent.Faulted, Detail: message));
    }
}

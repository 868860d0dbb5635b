using KinerjaFlow.Engine.Activities;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// Joins. Arrivals are tokens parked at the join (<see cref="TokenStatus.Arrived"/>), counted by the
/// branch (<c>source:port</c>) they came by. WaitAll continues once every incoming branch has
/// arrived, or once no live token can reach the join any more: a branch that a Decision did not take
/// in this pass is not waited for. WaitAny and Quorum continue on the first, or n-th, arrival and
/// cancel the tokens still heading for the join from its fork (their tasks' bookmarks close); tokens
/// before that fork and in unrelated parallel branches go on.
/// </summary>
public sealed partial class WorkflowInterpreter
{
    private static void Arrive(FlowGraph graph, InstanceState state, Token token, ActivityResult result, TimeProvider clock)
    {
        token.Status = TokenStatus.Arrived;
        state.Journal.Add(new JournalEntry(clock.GetUtcNow(), token.ActivityId, JournalEvent.Arrived, Detail: token.From));
        var arrived = ArrivedBranches(state, token.ActivityId);
        var proceed = result.JoinMode switch
        {
            JoinMode.WaitAny => true,
            JoinMode.Quorum => arrived >= result.Quorum,
            _ => arrived >= graph.IncomingBranches(token.ActivityId),
        };
        if (proceed)
            Continue(graph, state, token.ActivityId, cancelRest: result.JoinMode != JoinMode.WaitAll, clock);
    }

    /// <summary>Continues the first join whose missing branches can no longer arrive; false when there is none.</summary>
    private bool ContinueSettledJoin(FlowGraph graph, InstanceState state, TimeProvider clock)
    {
        foreach (var parked in state.Tokens)
        {
            if (parked.Status != TokenStatus.Arrived || CanStillArrive(graph, state, parked.ActivityId))
                continue;
            var join = parked.ActivityId;
            var activity = graph.Activity(join)!;
            ActivityResult result;
            try
            {
                result = graph.Type(join)!.Execute(Context(graph, activity, state, parked, clock));
            }
            catch (Exception exception)
            {
                Fault(state, join, exception, clock);
                return true;
            }

            var arrived = ArrivedBranches(state, join);
            if (result.JoinMode == JoinMode.Quorum && arrived < result.Quorum)
            {
                Fault(state, join,
                    $"Kuorum penggabungan {activity.Label} tidak tercapai: {arrived} dari {result.Quorum} cabang tiba. / " +
                    $"The quorum of join {activity.Label} was not reached: {arrived} of {result.Quorum} branches arrived.",
                    null, clock);
                return true;
            }

            Continue(graph, state, join, cancelRest: false, clock);
            return true;
        }

        return false;
    }

    private static bool CanStillArrive(FlowGraph graph, InstanceState state, string join)
    {
        var reachers = graph.Reachers(join);
        foreach (var token in state.Tokens)
        {
            if (token.ActivityId == join)
            {
                if (token.Status != TokenStatus.Arrived)
                    return true;
            }
            else if (reachers.Contains(token.ActivityId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A fork that runs again (a "return for revision" back before it) starts a new round of its
    /// branches: arrivals still parked from the earlier round at the joins it feeds would otherwise
    /// be counted with the new ones and fire the join early, and then a second time.
    /// </summary>
    private static void DiscardEarlierArrivals(FlowGraph graph, InstanceState state, string fork, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        for (var i = state.Tokens.Count - 1; i >= 0; i--)
        {
            var token = state.Tokens[i];
            if (token.Status != TokenStatus.Arrived || !graph.Reachers(token.ActivityId).Contains(fork))
                continue;
            state.Tokens.RemoveAt(i);
            state.Journal.Add(new JournalEntry(now, token.ActivityId, JournalEvent.BranchCancelled, Detail: token.From));
        }
    }

    private static int ArrivedBranches(InstanceState state, string join)
    {
        var branches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in state.Tokens)
        {
            if (token.ActivityId == join && token.Status == TokenStatus.Arrived)
                branches.Add(token.From ?? token.Id);
        }

        return branches.Count;
    }

    private static void Continue(FlowGraph graph, InstanceState state, string join, bool cancelRest, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        Token? survivor = null;
        var reachers = cancelRest ? graph.Between(join) : null;
        for (var i = state.Tokens.Count - 1; i >= 0; i--)
        {
            var token = state.Tokens[i];
            var parkedHere = token.ActivityId == join && token.Status == TokenStatus.Arrived;
            var headingHere = reachers is not null && (reachers.Contains(token.ActivityId) || token.ActivityId == join);
            if (parkedHere)
            {
                if (survivor is not null)
                    state.Tokens.RemoveAt(state.Tokens.IndexOf(survivor));
                survivor = token;
            }
            else if (headingHere)
            {
                state.Tokens.RemoveAt(i);
                state.Bookmarks.RemoveAll(b => b.TokenId == token.Id);
                state.Journal.Add(new JournalEntry(now, token.ActivityId, JournalEvent.BranchCancelled));
            }
        }

        state.Journal.Add(new JournalEntry(now, join, JournalEvent.Joined));
        if (survivor is not null)
            Leave(graph, state, survivor, [new ScopedExit(ActivityPorts.Done, survivor.Scope)]);
    }
}

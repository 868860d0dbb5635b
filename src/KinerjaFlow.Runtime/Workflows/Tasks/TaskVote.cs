using KinerjaFlow.Engine.Activities;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>When the answers of the people of one task decide it, and with which outcome (the first outcome approves).</summary>
public static class TaskVote
{
    /// <summary>The deciding outcome, or <see langword="null"/> while the task waits for more answers.</summary>
    /// <param name="mode">How the answers decide.</param>
    /// <param name="quorum">With <see cref="ApprovalMode.Quorum"/>: how many equal outcomes decide.</param>
    /// <param name="outcomes">The task's outcomes; the first approves.</param>
    /// <param name="answers">The outcomes given so far, the latest last.</param>
    /// <param name="members">How many people the task has.</param>
    public static string? Decide(ApprovalMode mode, int? quorum, IReadOnlyList<string> outcomes, IReadOnlyList<string> answers, int members)
    {
        if (answers.Count == 0)
            return null;
        var latest = answers[^1];
        var approve = outcomes.Count > 0 ? outcomes[0] : latest;
        switch (mode)
        {
            case ApprovalMode.AllOf:
            case ApprovalMode.Sequential:
                if (latest != approve)
                    return latest;
                return answers.Count(a => a == approve) >= members ? approve : null;
            case ApprovalMode.Quorum:
                var needed = Math.Clamp(quorum ?? 1, 1, Math.Max(members, 1));
                if (answers.Count(a => a == latest) >= needed)
                    return latest;
                if (answers.Count < members)
                    return null;
                // Everyone answered and no outcome reached the quorum: the request is not approved; the
                // most given other outcome decides (ties in the order the task offers them).
                return outcomes.Skip(1)
                    .Select((o, i) => (Outcome: o, Count: answers.Count(a => a == o), Order: i))
                    .OrderByDescending(x => x.Count).ThenBy(x => x.Order)
                    .Select(x => x.Outcome).FirstOrDefault() ?? latest;
            default:
                return latest;
        }
    }
}

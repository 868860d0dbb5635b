using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Runtime.Workflows.Tasks;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>How the answers of several people decide a task, without a database.</summary>
public class TaskVoteTests
{
    private static readonly string[] Outcomes = ["Setuju", "Tolak", "Kembalikan"];

    [Theory]
    [InlineData(ApprovalMode.AnyOf, null, 3, "Tolak", "Tolak")]
    [InlineData(ApprovalMode.AllOf, null, 3, "Setuju", null)]
    [InlineData(ApprovalMode.AllOf, null, 3, "Setuju,Setuju,Setuju", "Setuju")]
    [InlineData(ApprovalMode.AllOf, null, 3, "Setuju,Kembalikan", "Kembalikan")]
    [InlineData(ApprovalMode.Sequential, null, 2, "Setuju", null)]
    [InlineData(ApprovalMode.Sequential, null, 2, "Setuju,Setuju", "Setuju")]
    [InlineData(ApprovalMode.Sequential, null, 2, "Tolak", "Tolak")]
    [InlineData(ApprovalMode.Quorum, 2, 3, "Setuju,Tolak", null)]
    [InlineData(ApprovalMode.Quorum, 2, 3, "Setuju,Tolak,Tolak", "Tolak")]
    [InlineData(ApprovalMode.Quorum, 3, 3, "Setuju,Setuju,Kembalikan", "Kembalikan")]
    [InlineData(ApprovalMode.Quorum, 3, 4, "Setuju,Tolak,Kembalikan,Tolak", "Tolak")]
    [InlineData(ApprovalMode.Quorum, 5, 2, "Setuju,Setuju", "Setuju")]
    public void The_answers_decide_by_the_mode(ApprovalMode mode, int? quorum, int members, string answers, string? decided) =>
        Assert.Equal(decided, TaskVote.Decide(mode, quorum, Outcomes, answers.Split(','), members));

    [Fact]
    public void No_answer_decides_nothing() => Assert.Null(TaskVote.Decide(ApprovalMode.AnyOf, null, Outcomes, [], 2));
}

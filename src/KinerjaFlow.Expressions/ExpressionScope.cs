using System.Text.Json.Nodes;

namespace KinerjaFlow.Expressions;

/// <summary>
/// What a script sees: named JSON values (<c>form</c>, <c>vars</c>, <c>initiator</c>, <c>task</c>,
/// <c>now</c>, ...) plus the <c>workdays</c> helper when a calendar is given. The script receives
/// copies, so it cannot change the caller's nodes; <see cref="ExpressionEvaluator.Run"/> hands back
/// what the script left in each name.
/// </summary>
public sealed class ExpressionScope
{
    /// <summary>A scope with no names, no calendar and the system clock.</summary>
    public static ExpressionScope Empty { get; } = new(new Dictionary<string, JsonNode?>());

    /// <summary>Creates a scope.</summary>
    /// <param name="values">Global names of the script and their JSON values.</param>
    /// <param name="workingDays">Backs <c>workdays.add</c> and <c>workdays.between</c>; without it the helper is absent.</param>
    /// <param name="clock">Backs <c>new Date()</c> and <c>Date.now()</c>, so evaluation is deterministic under a fake clock.</param>
    public ExpressionScope(IReadOnlyDictionary<string, JsonNode?> values, IWorkingDays? workingDays = null, TimeProvider? clock = null)
    {
        Values = values;
        WorkingDays = workingDays;
        Clock = clock ?? TimeProvider.System;
    }

    /// <summary>Global names of the script and their JSON values.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Values { get; }

    /// <summary>The calendar behind <c>workdays</c>, if any.</summary>
    public IWorkingDays? WorkingDays { get; }

    /// <summary>The clock behind JavaScript's <c>Date</c>.</summary>
    public TimeProvider Clock { get; }
}

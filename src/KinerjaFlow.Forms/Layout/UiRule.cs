using System.Text.Json.Serialization;

namespace KinerjaFlow.Forms.Layout;

/// <summary>
/// <c>{"effect": "HIDE", "when": "data.status !== 'menikah'"}</c>: the effect applies while the
/// JavaScript expression <see cref="When"/> is truthy. It sees <c>data</c> (alias <c>form</c>) and,
/// inside a repeater, <c>row</c> and <c>index</c>.
/// </summary>
/// <param name="Effect">What happens while the condition holds.</param>
/// <param name="When">The condition, a JavaScript expression.</param>
public sealed record UiRule(RuleEffect Effect, string When);

/// <summary>What a <see cref="UiRule"/> does while its condition holds.</summary>
public enum RuleEffect
{
    /// <summary>Shown only while the condition holds.</summary>
    [JsonStringEnumMemberName("SHOW")]
    Show,

    /// <summary>Hidden while the condition holds; a hidden field is cleared and never required.</summary>
    [JsonStringEnumMemberName("HIDE")]
    Hide,

    /// <summary>Editable only while the condition holds.</summary>
    [JsonStringEnumMemberName("ENABLE")]
    Enable,

    /// <summary>Read-only while the condition holds; the server keeps the stored value.</summary>
    [JsonStringEnumMemberName("DISABLE")]
    Disable,
}

/// <summary>How a <see cref="UiRepeater"/> shows its items.</summary>
public enum RepeaterDisplay
{
    /// <summary>A data grid with inline edit.</summary>
    Grid,

    /// <summary>One card per item.</summary>
    Cards,
}

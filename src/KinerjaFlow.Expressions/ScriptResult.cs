using System.Text.Json.Nodes;

namespace KinerjaFlow.Expressions;

/// <summary>What <see cref="ExpressionEvaluator.Run"/> returns: the completion value and the scope's names as the script left them.</summary>
/// <param name="Value">The value of the last expression statement (JSON <c>null</c> as C# <see langword="null"/>).</param>
/// <param name="Globals">Every name of the scope, read back after the script ran.</param>
public sealed record ScriptResult(JsonNode? Value, IReadOnlyDictionary<string, JsonNode?> Globals);

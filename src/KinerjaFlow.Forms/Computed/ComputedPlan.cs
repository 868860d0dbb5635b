using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Forms.Computed;

/// <summary>
/// The computed fields of a schema in the order they must be evaluated. Dependencies come from the
/// expression text: <c>data.x</c> / <c>form.x</c> read the root property <c>x</c>, <c>row.y</c> the
/// property <c>y</c> of the current array item; reading a property means reading every computed
/// field inside it (a weighted total over <c>data.indikator</c> waits for each item's score).
/// </summary>
public sealed class ComputedPlan
{
    /// <summary>The path segment that stands for every item of an array.</summary>
    public const string AnyItem = "*";

    private ComputedPlan(IReadOnlyList<ComputedField> fields) => Fields = fields;

    /// <summary>The computed fields, each after every field it reads.</summary>
    public IReadOnlyList<ComputedField> Fields { get; }

    /// <summary>
    /// Collects the computed fields of <paramref name="schema"/> and orders them; a cycle, or a
    /// <c>computed</c> that is not a string, is reported in <paramref name="problems"/> and leaves
    /// the plan empty of the fields concerned.
    /// </summary>
    public static ComputedPlan Create(JsonObject schema, out IReadOnlyList<FormProblem> problems)
    {
        var found = new List<FormProblem>();
        var fields = new List<ComputedField>();
        Collect(schema, [], string.Empty, fields, found);
        var ordered = Order(fields, out var cycle);
        if (cycle is not null)
        {
            var chain = string.Join(" → ", cycle.Append(cycle[0]).Select(f => f.Location));
            found.Add(new FormProblem(null, cycle[0].Location, "ComputedCycle",
                $"Nilai terhitung saling bergantung secara melingkar: {chain}.",
                $"Computed values depend on each other in a cycle: {chain}."));
        }

        problems = found;
        return new ComputedPlan(ordered);
    }

    /// <summary>
    /// Replaces every computed value in <paramref name="data"/> (client values are ignored): a
    /// result of <see langword="null"/> removes the property. An expression that fails leaves the
    /// property out and is reported at its pointer.
    /// </summary>
    public IReadOnlyList<FieldError> Apply(JsonObject data, ExpressionEvaluator evaluator)
    {
        List<FieldError>? errors = null;
        foreach (var field in Fields)
        {
            var property = field.Path[^1];
            foreach (var (parent, row, index, pointer) in Targets(data, field.Path).ToList())
            {
                try
                {
                    var value = evaluator.Evaluate(field.Expression, field.Script.Scope(data, row, index));
                    if (value is null)
                        parent.Remove(property);
                    else
                        parent[property] = value;
                }
                catch (ExpressionException exception)
                {
                    parent.Remove(property);
                    (errors ??= []).Add(new FieldError(Schema.JsonPointers.Append(pointer, property), "computed",
                        $"Nilai terhitung tidak dapat dihitung: {exception.Indonesian}",
                        $"The computed value could not be computed: {exception.English}"));
                }
            }
        }

        return errors ?? [];
    }

    private static void Collect(JsonObject schema, List<string> path, string schemaPointer, List<ComputedField> fields, List<FormProblem> problems)
    {
        if (path.Count > 0 && schema.TryGetPropertyValue("computed", out var computed))
        {
            if (computed is JsonValue value && value.TryGetValue<string>(out var expression) && !string.IsNullOrWhiteSpace(expression))
            {
                fields.Add(new ComputedField([.. path], expression));
            }
            else
            {
                problems.Add(new FormProblem(null, schemaPointer, "ComputedNotText",
                    $"\"computed\" pada {schemaPointer} harus berupa ekspresi JavaScript (teks).",
                    $"\"computed\" at {schemaPointer} must be a JavaScript expression (text)."));
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childSchema)
                    Collect(childSchema, [.. path, name], Schema.JsonPointers.Append(schemaPointer + "/properties", name), fields, problems);
            }
        }

        if (schema["items"] is JsonObject items)
            Collect(items, [.. path, AnyItem], schemaPointer + "/items", fields, problems);
    }

    private static List<ComputedField> Order(List<ComputedField> fields, out List<ComputedField>? cycle)
    {
        var dependencies = fields.ToDictionary(f => f, f => fields.Where(g => DependsOn(f, g)).ToList());
        var done = new HashSet<ComputedField>();
        var onStack = new List<ComputedField>();
        var ordered = new List<ComputedField>(fields.Count);
        List<ComputedField>? found = null;
        foreach (var field in fields)
        {
            if (!Visit(field))
            {
                cycle = found;
                return [.. ordered.Where(f => !found!.Contains(f))];
            }
        }

        cycle = null;
        return ordered;

        bool Visit(ComputedField field)
        {
            if (done.Contains(field))
                return true;
            var at = onStack.IndexOf(field);
            if (at >= 0)
            {
                found = onStack[at..];
                return false;
            }

            onStack.Add(field);
            foreach (var dependency in dependencies[field])
            {
                if (!Visit(dependency))
                    return false;
            }

            onStack.RemoveAt(onStack.Count - 1);
            done.Add(field);
            ordered.Add(field);
            return true;
        }
    }

    private static bool DependsOn(ComputedField field, ComputedField other)
    {
        foreach (var (row, property) in field.Script.References)
        {
            IReadOnlyList<string> read;
            if (row)
            {
                if (field.RowPath is null)
                    continue;
                read = property is null ? field.RowPath : [.. field.RowPath, property];
            }
            else
            {
                read = property is null ? [] : [property];
            }

            // Reading a container of the field itself (a total over data.indikator inside an
            // indikator row, say) is not a self-reference: the field's own old value is never used.
            if (ReferenceEquals(field, other) && read.Count < field.Path.Count && IsPrefix(read, field.Path))
                continue;
            if (IsPrefix(read, other.Path) || IsPrefix(other.Path, read))
                return true;
        }

        return false;
    }

    private static bool IsPrefix(IReadOnlyList<string> prefix, IReadOnlyList<string> path) =>
        prefix.Count <= path.Count && prefix.Select((s, i) => s == path[i]).All(same => same);

    private static IEnumerable<(JsonObject Parent, JsonObject? Row, int? Index, string Pointer)> Targets(JsonObject data, IReadOnlyList<string> path)
    {
        return Walk(data, 0, null, null, string.Empty);

        IEnumerable<(JsonObject, JsonObject?, int?, string)> Walk(JsonObject node, int depth, JsonObject? row, int? index, string pointer)
        {
            if (depth == path.Count - 1)
            {
                yield return (node, row, index, pointer);
                yield break;
            }

            var segment = path[depth];
            if (segment == AnyItem)
                yield break;
            switch (node[segment])
            {
                case JsonObject child:
                    foreach (var target in Walk(child, depth + 1, row, index, Schema.JsonPointers.Append(pointer, segment)))
                        yield return target;
                    break;
                case JsonArray array when depth + 1 < path.Count && path[depth + 1] == AnyItem:
                    var arrayPointer = Schema.JsonPointers.Append(pointer, segment);
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is not JsonObject item)
                            continue;
                        foreach (var target in Walk(item, depth + 2, item, i, Schema.JsonPointers.Append(arrayPointer, i)))
                            yield return target;
                    }

                    break;
            }
        }
    }
}

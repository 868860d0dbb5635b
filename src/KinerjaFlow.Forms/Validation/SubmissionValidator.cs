using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Forms.Validation;

/// <summary>
/// Validates submissions on the server, which is the authority whatever the browser did. In order:
/// nulls and empty strings are stripped; changes outside the editable elements are refused;
/// computed fields are recomputed (client values ignored); fields hidden by a rule are cleared and
/// never required; disabled fields keep their stored value; then the data is checked against the
/// JSON Schema and every error comes back at its field in Bahasa Indonesia and English.
/// </summary>
/// <remarks>
/// Each form version is compiled once (schema built under a lock, JsonSchema.Net 8 registries not
/// being thread-safe) and cached by owner, key and version; after that, validation is safe from any
/// number of threads. The owner is whoever keeps the versions apart (the runtime passes the tenant,
/// since two pemda each have their own <c>cuti</c> version 1); without one, a hash of the definition's
/// content stands in, so two different definitions never share a compiled schema. Drafts are
/// compiled on every call, because a draft's schema changes without a new version number. One
/// instance per process.
/// </remarks>
public sealed class SubmissionValidator
{
    private readonly ConcurrentDictionary<(string Owner, string Key, int Version), CompiledForm> _cache = new();
    private readonly Lock _compileLock = new();
    private readonly ExpressionEvaluator _evaluator;
    private readonly TimeProvider _clock;
    private readonly EvaluationOptions _options;

    /// <summary>Creates a validator.</summary>
    /// <param name="evaluator">The sandbox for rules and computed fields.</param>
    /// <param name="clock">The clock behind NIP checks (a NIP cannot start in the future).</param>
    public SubmissionValidator(ExpressionEvaluator evaluator, TimeProvider? clock = null)
    {
        _evaluator = evaluator;
        _clock = clock ?? TimeProvider.System;
        _options = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
            FormatRegistry = FormFormats.CreateRegistry(_clock),
        };
    }

    /// <summary>The built schema of <paramref name="form"/>: for a published or retired version, the same instance every time.</summary>
    /// <param name="form">The form version.</param>
    /// <param name="owner">Who owns the version (the runtime passes the tenant id); <see langword="null"/> to key the cache by content.</param>
    /// <exception cref="InvalidOperationException">The definition's schema or computed fields cannot be used.</exception>
    public JsonSchema SchemaFor(FormDefinition form, string? owner = null) => Compiled(form, owner).Schema;

    /// <summary>Validates <paramref name="submitted"/> against <paramref name="form"/>; the input is not changed.</summary>
    /// <param name="form">The form version the submission is made with.</param>
    /// <param name="submitted">The data as the client sent it.</param>
    /// <param name="context">The stored data and what this step may edit; unrestricted when omitted.</param>
    /// <param name="owner">Who owns the version (the runtime passes the tenant id); <see langword="null"/> to key the cache by content.</param>
    /// <exception cref="InvalidOperationException">The definition's schema or computed fields cannot be used.</exception>
    public SubmissionResult Validate(FormDefinition form, JsonObject submitted, SubmissionContext? context = null, string? owner = null)
    {
        context ??= SubmissionContext.Unrestricted;
        var compiled = Compiled(form, owner);
        var errors = new List<FieldError>();
        var data = (JsonObject)Normalize(submitted)!;
        var previous = context.PreviousData is null ? null : (JsonObject)Normalize(context.PreviousData)!;

        var asSubmitted = (JsonObject)data.DeepClone();

        // Disabled fields keep their stored value (or none on a first submission) before rules are
        // judged, since a rule may read them; restoring can flip a rule, so settle it in a few passes.
        IReadOnlyList<FieldError> computedErrors;
        RuleOutcome rules;
        for (var pass = 0; ; pass++)
        {
            computedErrors = compiled.Computed.Apply(data, _evaluator);
            rules = RuleOutcome.Evaluate(compiled.Layout, data, _evaluator);
            if (!RestoreDisabled(rules, previous, data) || pass == 2)
                break;
        }

        errors.AddRange(rules.Errors);
        // Hidden fields are cleared, then computed values recomputed without them; a computed field
        // that is itself hidden is cleared again after that.
        var cleared = false;
        foreach (var pointer in rules.HiddenPointers)
            cleared |= JsonPointers.Remove(data, pointer);
        if (cleared)
        {
            computedErrors = compiled.Computed.Apply(data, _evaluator);
            foreach (var pointer in rules.HiddenPointers)
                JsonPointers.Remove(data, pointer);
        }

        errors.AddRange(computedErrors);
        // Editability compares what the client sent with what was stored, leaving out fields the
        // rules now hide: the server clears those itself, whatever the browser sent.
        if (context.EditableElementIds is { } editable)
            errors.AddRange(ChangesOutside(compiled, editable, Without(previous ?? [], rules), Without(asSubmitted, rules)));
        errors.AddRange(SchemaErrors(compiled, data).Where(e => !rules.IsHidden(e.Path)));

        var distinct = errors.DistinctBy(e => (e.Path, e.Keyword, e.English)).ToList();
        return new SubmissionResult(data, distinct);
    }

    /// <summary>Puts the stored value back into every disabled (and visible) field; true when anything changed.</summary>
    private static bool RestoreDisabled(RuleOutcome rules, JsonObject? previous, JsonObject data)
    {
        var changed = false;
        foreach (var pointer in rules.DisabledPointers.Where(p => !rules.IsHidden(p)))
        {
            var stored = previous is null ? null : JsonPointers.Find(previous, pointer);
            if (JsonNode.DeepEquals(stored, JsonPointers.Find(data, pointer)))
                continue;
            if (stored is null)
                JsonPointers.Remove(data, pointer);
            else
                JsonPointers.Set(data, pointer, stored.DeepClone());
            changed = true;
        }

        return changed;
    }

    private static JsonObject Without(JsonObject data, RuleOutcome rules)
    {
        var copy = (JsonObject)data.DeepClone();
        foreach (var pointer in rules.HiddenPointers)
            JsonPointers.Remove(copy, pointer);
        return copy;
    }

    private CompiledForm Compiled(FormDefinition form, string? owner)
    {
        if (form.Status == FormStatus.Draft)
        {
            lock (_compileLock)
                return CompiledForm.Compile(form);
        }

        var key = (owner ?? ContentHash(form), form.Key, form.Version);
        if (_cache.TryGetValue(key, out var compiled))
            return compiled;
        lock (_compileLock)
        {
            if (!_cache.TryGetValue(key, out compiled))
            {
                compiled = CompiledForm.Compile(form);
                _cache[key] = compiled;
            }

            return compiled;
        }
    }

    /// <summary>Stands in for the owner: equal definitions share a compiled form, different ones never do.</summary>
    private static string ContentHash(FormDefinition form) =>
        "sha256:" + Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(form, FormJson.Options)));

    /// <summary>A copy without nulls and empty strings, which the browser sends for untouched fields and which would satisfy <c>required</c>.</summary>
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0))
                        continue;
                    result[name] = Normalize(value);
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(Normalize)]);
            default:
                return node?.DeepClone();
        }
    }

    private static List<FieldError> ChangesOutside(CompiledForm compiled, IReadOnlySet<string> editable, JsonObject previous, JsonObject data)
    {
        var errors = new List<FieldError>();
        if (editable.Contains(compiled.Layout.Element.Id))
            return errors;
        var editablePointers = compiled.Layout.Walk()
            .Where(e => !e.InRepeater && e.Element.DataPointer is not null && e.AncestorIds.Any(editable.Contains))
            .Select(e => e.Element.DataPointer!)
            .ToList();
        Compare(previous, data, string.Empty);
        return errors;

        void Compare(JsonNode? before, JsonNode? after, string pointer)
        {
            if (editablePointers.Any(e => JsonPointers.IsSameOrUnder(pointer, e))
                || compiled.Computed.Fields.Any(f => f.Matches(pointer))
                || JsonNode.DeepEquals(before, after))
            {
                return;
            }

            if (before is JsonObject beforeObject && after is JsonObject afterObject)
            {
                foreach (var name in beforeObject.Select(p => p.Key).Union(afterObject.Select(p => p.Key)))
                    Compare(beforeObject[name], afterObject[name], JsonPointers.Append(pointer, name));
                return;
            }

            if (before is JsonArray beforeArray && after is JsonArray afterArray && beforeArray.Count == afterArray.Count)
            {
                for (var i = 0; i < beforeArray.Count; i++)
                    Compare(beforeArray[i], afterArray[i], JsonPointers.Append(pointer, i));
                return;
            }

            var (indonesian, english) = ValidationMessages.For("notEditable", null, null, default);
            errors.Add(new FieldError(pointer, "notEditable", indonesian, english));
        }
    }

    private List<FieldError> SchemaErrors(CompiledForm compiled, JsonObject data)
    {
        var instance = JsonSerializer.SerializeToElement(data);
        var results = compiled.Schema.Evaluate(instance, _options);
        var errors = new List<FieldError>();
        if (results.IsValid)
            return errors;

        var today = DateOnly.FromDateTime(_clock.GetLocalNow().Date);
        var all = results.Details is { Count: > 0 } details ? details : [results];
        var failing = all.Where(d => !d.IsValid).ToList();
        // Keyed by instance location too: under items, 8.x gives every item the same evaluation path.
        var validPaths = all.Where(d => d.IsValid).Select(d => (d.EvaluationPath.ToString(), d.InstanceLocation.ToString())).ToHashSet();
        var choices = new HashSet<(string, string)>();
        foreach (var detail in failing)
        {
            var evaluationPath = detail.EvaluationPath.ToString();
            var location = detail.InstanceLocation.ToString();
            // An "if" that does not hold, the inside of a "not", and the items that a "contains" does
            // not match fail by design; the keyword itself reports at its own node.
            if (UnderConditionOrNot(evaluationPath) && detail.Errors?.ContainsKey("contains") != true)
                continue;
            if (Combinator(evaluationPath) is { } combinator)
            {
                // The options of a oneOf/anyOf that the value does not match fail by design; only
                // a value that matches no option (or, for oneOf, several) is an error, reported once.
                if (CombinatorHolds(combinator, location, validPaths) || !choices.Add((combinator.Path, location)))
                    continue;
                var (id, en) = ValidationMessages.For(combinator.Keyword, null, null, today);
                errors.Add(new FieldError(location, combinator.Keyword, id, en));
                continue;
            }
            JsonElement? atInstance = SchemaForInstance(compiled.SchemaRoot, location);
            JsonElement? atSchemaLocation = JsonPointers.TryFind(compiled.SchemaRoot, Uri.UnescapeDataString(detail.SchemaLocation.Fragment), out var s) ? s : null;
            JsonElement? value = JsonPointers.TryFind(instance, location, out var v) ? v : null;

            IEnumerable<string> keywords;
            if (detail.Errors is { Count: > 0 } messages)
            {
                // 8.x leaves the keyword out for a false schema (additionalProperties: false): the
                // evaluation path still names it.
                keywords = messages.Keys.Select(k => k.Length > 0 ? k : LastSegment(evaluationPath));
            }
            else if (!failing.Any(other => other != detail && JsonPointers.IsSameOrUnder(other.EvaluationPath.ToString(), evaluationPath) && other.EvaluationPath.ToString() != evaluationPath))
            {
                // A failure with no message and no failing part below it: the keyword is the last step of its path.
                keywords = [LastSegment(evaluationPath)];
            }
            else
            {
                continue;
            }

            foreach (var keyword in keywords)
            {
                var schema = Holding(atInstance, keyword) ?? Holding(atSchemaLocation, keyword) ?? atInstance ?? atSchemaLocation;
                if (keyword == "required")
                {
                    // 8.x reports required at the object; the user needs it at each missing field.
                    // Both candidates: the keyword may sit in a "then" or "allOf" branch, not in the property's own schema.
                    JsonElement? atEvaluationPath = JsonPointers.TryFind(compiled.SchemaRoot, evaluationPath, out var e) ? e : null;
                    foreach (var missing in MissingProperties(Holding(atEvaluationPath, keyword), value)
                                 .Union(MissingProperties(Holding(atSchemaLocation, keyword), value))
                                 .Union(MissingProperties(schema, value)))
                    {
                        var (id, en) = ValidationMessages.For(keyword, schema, null, today);
                        errors.Add(new FieldError(JsonPointers.Append(location, missing), keyword, id, en));
                    }

                    continue;
                }

                var (indonesian, english) = ValidationMessages.For(keyword, schema, value, today);
                errors.Add(new FieldError(location, keyword, indonesian, english));
            }
        }

        return errors;
    }

    /// <summary>
    /// The subschema that describes the value at <paramref name="location"/>, found by following
    /// <c>properties</c> and <c>items</c>. JsonSchema.Net 8.0.5 reports a wrong schema location (and
    /// evaluation path) for everything under <c>items</c>, so the instance location is the reliable guide.
    /// </summary>
    private static JsonElement? SchemaForInstance(JsonElement root, string location)
    {
        var schema = root;
        foreach (var segment in JsonPointers.Split(location))
        {
            if (schema.ValueKind != JsonValueKind.Object)
                return null;
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty(segment, out var property))
            {
                schema = property;
            }
            else if (segment.All(char.IsAsciiDigit) && schema.TryGetProperty("items", out var items))
            {
                schema = items;
            }
            else
            {
                return null;
            }
        }

        return schema;
    }

    private static JsonElement? Holding(JsonElement? schema, string keyword) =>
        schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(keyword, out _) ? s : null;

    private static List<string> MissingProperties(JsonElement? schema, JsonElement? value)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
            return [];
        return required.EnumerateArray()
            .Select(name => name.GetString() ?? string.Empty)
            .Where(name => value is not { ValueKind: JsonValueKind.Object } obj || !obj.TryGetProperty(name, out _))
            .ToList();
    }

    private static bool UnderConditionOrNot(string evaluationPath)
    {
        var segments = JsonPointers.Split(evaluationPath);
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is "if" or "not" or "contains" && (i == 0 || segments[i - 1] is not ("properties" or "patternProperties" or "$defs" or "definitions")))
                return true;
        }

        return false;
    }

    /// <summary>The outermost <c>oneOf</c>/<c>anyOf</c> an evaluation path runs through, e.g. <c>/properties/golongan/oneOf</c>.</summary>
    private static (string Path, string Keyword)? Combinator(string evaluationPath)
    {
        var segments = JsonPointers.Split(evaluationPath);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i] is "oneOf" or "anyOf" && segments[i + 1].All(char.IsAsciiDigit))
                return (JsonPointers.Join(segments[..(i + 1)]), segments[i]);
        }

        return null;
    }

    private static bool CombinatorHolds((string Path, string Keyword) combinator, string location, HashSet<(string Path, string Location)> validPaths)
    {
        var prefix = combinator.Path + "/";
        var matches = validPaths.Count(p => p.Location == location && p.Path.StartsWith(prefix, StringComparison.Ordinal) && p.Path[prefix.Length..].All(char.IsAsciiDigit));
        return combinator.Keyword == "anyOf" ? matches > 0 : matches == 1;
    }

    private static string LastSegment(string pointer)
    {
        var segments = JsonPointers.Split(pointer);
        return segments.Length == 0 ? "false" : segments[^1];
    }
}

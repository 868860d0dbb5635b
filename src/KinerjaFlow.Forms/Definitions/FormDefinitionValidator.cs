using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Computed;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;
using KinerjaFlow.Forms.Scripting;

namespace KinerjaFlow.Forms.Definitions;

/// <summary>
/// Checks a form definition when it is saved or published: the schema is valid JSON Schema
/// (draft 2020-12) with an object root and known formats; every UI scope points to a schema
/// property; element ids are unique; Indonesian labels are present; rules and computed expressions
/// compile and do not break the sandbox's limits on empty data; computed fields have no cycle.
/// Every problem names the element id or schema location, in both languages.
/// </summary>
public sealed class FormDefinitionValidator
{
    private readonly ExpressionEvaluator _evaluator;

    /// <summary>Creates a validator that compiles expressions with <paramref name="evaluator"/>.</summary>
    public FormDefinitionValidator(ExpressionEvaluator evaluator) => _evaluator = evaluator;

    /// <summary>Every reason <paramref name="form"/> cannot be published; empty when it can.</summary>
    public IReadOnlyList<FormProblem> Validate(FormDefinition form)
    {
        var problems = new List<FormProblem>();
        if (string.IsNullOrWhiteSpace(form.Key))
            problems.Add(new(null, "key", "KeyMissing", "Kunci formulir wajib diisi.", "The form key is required."));
        if (form.Version < 1)
            problems.Add(new(null, "version", "VersionInvalid", "Versi formulir dimulai dari 1.", "Form versions start at 1."));
        if (string.IsNullOrWhiteSpace(form.Title?.Indonesian))
            problems.Add(new(null, "title", "TitleMissing", "Judul formulir dalam Bahasa Indonesia wajib diisi.", "The form title in Bahasa Indonesia is required."));

        CheckSchema(form, problems);
        var plan = ComputedPlan.Create(form.Schema, out var computedProblems);
        problems.AddRange(computedProblems);
        foreach (var field in plan.Fields)
            CheckScript(field.Expression, null, field.Location, "nilai terhitung", "computed value", problems);
        CheckLayout(form, problems);
        return problems;
    }

    private static void CheckSchema(FormDefinition form, List<FormProblem> problems)
    {
        if (form.Schema["$schema"] is JsonValue dialect
            && dialect.TryGetValue<string>(out var uri)
            && uri.TrimEnd('#') != SchemaBuilder.Draft202012)
        {
            problems.Add(new(null, "/$schema", "SchemaDialect",
                $"Skema harus memakai JSON Schema draft 2020-12, bukan {uri}.",
                $"The schema must use JSON Schema draft 2020-12, not {uri}."));
        }

        if (form.Schema["type"] is not JsonValue type || !type.TryGetValue<string>(out var rootType) || rootType != "object")
        {
            problems.Add(new(null, "/type", "SchemaRootNotObject",
                "Akar skema harus bertipe \"object\".", "The root of the schema must have type \"object\"."));
        }

        try
        {
            var (_, root) = SchemaBuilder.Build(form.Schema, SchemaBuilder.BaseUri(form.Key ?? "form", form.Version));
            var meta = MetaSchemas.Draft202012.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!meta.IsValid)
            {
                var where = meta.Details?.FirstOrDefault(d => !d.IsValid && d.Errors is { Count: > 0 })?.InstanceLocation.ToString() ?? string.Empty;
                problems.Add(new(null, where, "InvalidSchema",
                    $"Skema JSON tidak valid di '{where}'.", $"The JSON Schema is not valid at '{where}'."));
            }
        }
        catch (Exception exception) when (exception is JsonSchemaException or ArgumentException or RefResolutionException or JsonException)
        {
            problems.Add(new(null, null, "InvalidSchema",
                $"Skema JSON tidak valid: {exception.Message}", $"The JSON Schema is not valid: {exception.Message}"));
        }

        CheckFormats(form.Schema, string.Empty, problems);
    }

    private static void CheckFormats(JsonNode? node, string location, List<FormProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childLocation = JsonPointers.Append(location, name);
                    if (name == "format" && child is JsonValue value && value.TryGetValue<string>(out var format) && !FormFormats.IsKnown(format))
                    {
                        problems.Add(new(null, childLocation, "UnknownFormat",
                            $"Format '{format}' di {location} tidak dikenal.", $"The format '{format}' at {location} is unknown."));
                    }
                    else if (name is not ("enum" or "const" or "default" or "examples"))
                    {
                        CheckFormats(child, childLocation, problems);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    CheckFormats(array[i], JsonPointers.Append(location, i), problems);
                break;
        }
    }

    private void CheckLayout(FormDefinition form, List<FormProblem> problems)
    {
        if (form.UiSchema is not (UiForm or UiWizard))
        {
            problems.Add(new(form.UiSchema?.Id, null, "LayoutRoot",
                "Akar skema UI harus Form atau Wizard.", "The root of the UI schema must be a Form or a Wizard."));
        }

        if (form.UiSchema is null)
            return;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in form.UiSchema.DescendantsAndSelf())
        {
            if (string.IsNullOrWhiteSpace(element.Id))
            {
                problems.Add(new(null, null, "ElementIdMissing",
                    $"Setiap elemen UI wajib punya id ({Describe(element)} tanpa id).", $"Every UI element needs an id ({Describe(element)} has none)."));
            }
            else if (!seen.Add(element.Id))
            {
                problems.Add(new(element.Id, null, "DuplicateElementId",
                    $"Id elemen '{element.Id}' dipakai lebih dari sekali.", $"The element id '{element.Id}' is used more than once."));
            }
        }

        Check(form.UiSchema, null, form.Schema, problems);
    }

    private void Check(UiElement element, UiElement? parent, JsonObject schema, List<FormProblem> problems)
    {
        var id = element.Id;
        if ((element is UiForm or UiWizard) && parent is not null)
            problems.Add(new(id, null, "NestedRoot", $"Elemen '{id}': Form/Wizard hanya boleh di akar.", $"Element '{id}': a Form or Wizard may only be the root."));
        if (element is UiStep && parent is not UiWizard)
            problems.Add(new(id, null, "StepOutsideWizard", $"Langkah '{id}' harus berada langsung di dalam Wizard.", $"Step '{id}' must sit directly inside a Wizard."));
        if (parent is UiWizard && element is not UiStep)
            problems.Add(new(id, null, "WizardChildNotStep", $"Isi Wizard harus berupa Step; '{id}' bukan.", $"A Wizard holds only Steps; '{id}' is not one."));

        CheckText(element.Label, id, "label", problems);
        CheckText(element.Help, id, "help", problems);
        if (element is UiStep or UiSection or UiRepeater && element.Label is null)
            problems.Add(new(id, "label", "LabelMissing", $"Elemen '{id}' wajib punya label Bahasa Indonesia.", $"Element '{id}' needs a label in Bahasa Indonesia."));

        var itemSchema = schema;
        switch (element)
        {
            case UiSection section when section.Columns is < 1 or > 4:
                problems.Add(new(id, "columns", "SectionColumns", $"Bagian '{id}' harus punya 1 sampai 4 kolom.", $"Section '{id}' must have 1 to 4 columns."));
                break;
            case UiText text:
                if (string.IsNullOrWhiteSpace(text.Text?.Indonesian))
                    problems.Add(new(id, "text", "TextMissing", $"Teks '{id}' wajib diisi dalam Bahasa Indonesia.", $"Text '{id}' needs its text in Bahasa Indonesia."));
                break;
            case UiControl control:
                if (control.ColSpan is < 1 or > 4)
                    problems.Add(new(id, "colSpan", "ColSpan", $"Kontrol '{id}': colSpan harus 1 sampai 4.", $"Control '{id}': colSpan must be 1 to 4."));
                if (Resolve(control.Scope, schema, id, problems) is { } property && control.Label is null && property["title"] is null)
                {
                    problems.Add(new(id, "label", "LabelMissing",
                        $"Kontrol '{id}' wajib punya label Bahasa Indonesia atau \"title\" di skema.",
                        $"Control '{id}' needs a label in Bahasa Indonesia or a \"title\" in the schema."));
                }

                break;
            case UiRepeater repeater:
                if (Resolve(repeater.Scope, schema, id, problems) is { } array)
                {
                    if (array["items"] is JsonObject items && items["properties"] is JsonObject)
                    {
                        itemSchema = items;
                    }
                    else
                    {
                        problems.Add(new(id, "scope", "RepeaterNotArrayOfObjects",
                            $"Repeater '{id}' harus menunjuk ke larik berisi objek (items dengan properties).",
                            $"Repeater '{id}' must point to an array of objects (items with properties)."));
                    }
                }

                break;
        }

        if (element.Rule is { } rule)
            CheckScript(rule.When, id, "rule", "aturan", "rule", problems);

        foreach (var child in element.Children)
            Check(child, element, itemSchema, problems);
    }

    private static JsonObject? Resolve(string scope, JsonObject schema, string id, List<FormProblem> problems)
    {
        if (JsonPointers.ScopeToDataPath(scope) is null)
        {
            problems.Add(new(id, "scope", "ScopeInvalid",
                $"Scope '{scope}' pada '{id}' harus berbentuk #/properties/nama.",
                $"The scope '{scope}' of '{id}' must look like #/properties/name."));
            return null;
        }

        JsonNode? node = schema;
        foreach (var segment in JsonPointers.Split(scope))
            node = node is JsonObject obj ? obj[segment] : null;
        if (node is JsonObject property)
            return property;
        problems.Add(new(id, "scope", "ScopeNotFound",
            $"Scope '{scope}' pada '{id}' tidak menunjuk ke properti mana pun di skema.",
            $"The scope '{scope}' of '{id}' points to no property of the schema."));
        return null;
    }

    private static void CheckText(LocalizedText? text, string id, string property, List<FormProblem> problems)
    {
        if (text is not null && string.IsNullOrWhiteSpace(text.Indonesian))
        {
            problems.Add(new(id, property, "LabelIndonesianMissing",
                $"Elemen '{id}': {property} dalam Bahasa Indonesia wajib diisi.", $"Element '{id}': the {property} in Bahasa Indonesia is required."));
        }
    }

    private void CheckScript(string? source, string? id, string? property, string whatId, string whatEn, List<FormProblem> problems)
    {
        var where = id ?? property;
        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add(new(id, property, "ExpressionMissing", $"Ekspresi {whatId} '{where}' kosong.", $"The {whatEn} expression of '{where}' is empty."));
            return;
        }

        try
        {
            _evaluator.Prepare(source);
        }
        catch (ExpressionException exception)
        {
            problems.Add(new(id, property, "ExpressionSyntax",
                $"Ekspresi {whatId} '{where}' tidak dapat dikompilasi: {exception.Indonesian}",
                $"The {whatEn} expression of '{where}' does not compile: {exception.English}"));
            return;
        }

        // A trial run on empty data catches endless loops and runaway recursion before anyone fills
        // the form; runtime errors are expected on empty data and are left to submissions.
        try
        {
            var script = new FormScript(source);
            _evaluator.Evaluate(source, script.Scope(new JsonObject(), new JsonObject(), 0));
        }
        catch (ExpressionException exception)
        {
            if (exception.Kind is ExpressionErrorKind.Runtime or ExpressionErrorKind.Result)
                return;
            problems.Add(new(id, property, "ExpressionLimit",
                $"Ekspresi {whatId} '{where}' melanggar batas sandbox: {exception.Indonesian}",
                $"The {whatEn} expression of '{where}' breaks a sandbox limit: {exception.English}"));
        }
    }

    private static string Describe(UiElement element) => element.GetType().Name[2..];
}

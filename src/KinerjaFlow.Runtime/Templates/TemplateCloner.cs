using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Workflows;

namespace KinerjaFlow.Runtime.Templates;

/// <summary>What to do with a template the pemda already has published.</summary>
public enum TemplateCloneMode
{
    /// <summary>Publish the template as a new version when the published one differs (the administrator's explicit clone).</summary>
    NewVersion,

    /// <summary>Leave a published form or workflow as it is (seeding: the pemda may have edited it).</summary>
    SkipPublished,
}

/// <summary>What a clone did with one form or workflow.</summary>
public enum TemplateCloneAction
{
    /// <summary>The pemda did not have it; version 1 (or the next free one) was published.</summary>
    Created,

    /// <summary>The pemda had it; the template was published as a new version.</summary>
    NewVersion,

    /// <summary>The published version already equals the template.</summary>
    Unchanged,

    /// <summary>The pemda has it published and <see cref="TemplateCloneMode.SkipPublished"/> left it alone.</summary>
    Skipped,
}

/// <summary>One form or workflow a clone handled.</summary>
public sealed record TemplateCloneStep(TemplateKind Kind, string Key, TemplateCloneAction Action, int Version);

/// <summary>Why a clone was refused, per item.</summary>
public sealed record TemplateProblem(TemplateKind? Kind, string? Key, string Code, string Indonesian, string English);

/// <summary>What a clone did: the steps in order (forms first), or the problems when it was refused.</summary>
public sealed record TemplateCloneReport(string Key, IReadOnlyList<TemplateCloneStep> Steps, IReadOnlyList<TemplateProblem> Problems)
{
    /// <summary>True when every step was done.</summary>
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Clones a template of the <see cref="TemplateLibrary"/> into the pemda of the given stores: the
/// forms a workflow names are published first, then the workflow, each as a new definition or as a
/// new version of the one the pemda has. Everything is checked before anything is written, so a
/// refused clone changes nothing (a form whose publish then fails for a concurrent edit is the one
/// exception, and is reported).
/// </summary>
public sealed class TemplateCloner(TemplateLibrary library, FormStore forms, DefinitionStore definitions, FormDefinitionValidator formValidator)
{
    private static readonly DefinitionValidator WorkflowValidator = new();

    /// <summary>
    /// Clones the template <paramref name="key"/>: the workflow of that key when there is one (and
    /// <paramref name="kind"/> does not ask for the form), else the form.
    /// </summary>
    public async Task<TemplateCloneReport> CloneIntoTenantAsync(string key, TemplateKind? kind, TemplateCloneMode mode, string? author, CancellationToken cancellationToken)
    {
        WorkflowDefinition? workflow;
        var formTemplates = new List<FormDefinition>();
        try
        {
            workflow = kind is null or TemplateKind.Workflow ? library.FindWorkflow(key) : null;
            IEnumerable<string> formKeys = workflow is not null ? TemplateLibrary.ReferencedForms(workflow) : kind is null or TemplateKind.Form ? [key] : [];
            foreach (var formKey in formKeys)
            {
                if (library.FindForm(formKey) is { } form)
                    formTemplates.Add(form);
                else if (workflow is not null)
                    return Refused(key, new TemplateProblem(TemplateKind.Form, formKey, "FormTemplateMissing",
                        $"Templat alur kerja '{key}' memakai formulir '{formKey}' yang tidak ada di pustaka templat.",
                        $"Workflow template '{key}' uses form '{formKey}', which is not in the template library."));
            }
        }
        catch (InvalidOperationException e)
        {
            var (indonesian, english) = Split(e.Message);
            return Refused(key, new TemplateProblem(kind, key, "TemplateUnreadable", indonesian, english));
        }

        if (workflow is null && formTemplates.Count == 0)
        {
            return Refused(key, new TemplateProblem(kind, key, "TemplateNotFound",
                $"Templat '{key}' tidak ada di pustaka templat nasional.", $"Template '{key}' is not in the national template library."));
        }

        // Check everything first: what is to be published must pass, and no open draft may be overwritten.
        var problems = new List<TemplateProblem>();
        var formPlans = new List<(FormDefinition Template, FormDefinition? Published)>();
        foreach (var template in formTemplates)
        {
            var published = await forms.GetPublishedAsync(template.Key, cancellationToken);
            formPlans.Add((template, published));
            if (published is not null && (mode == TemplateCloneMode.SkipPublished || SameForm(template, published)))
                continue;
            problems.AddRange(formValidator.Validate(Copy(template)).Select(p => new TemplateProblem(TemplateKind.Form, template.Key, p.Code, p.Indonesian, p.English)));
            if ((await forms.ListVersionsAsync(template.Key, cancellationToken)).Any(v => v.Status == FormStatus.Draft))
            {
                problems.Add(new TemplateProblem(TemplateKind.Form, template.Key, "DraftOpen",
                    $"Formulir '{template.Key}' punya draf yang belum diterbitkan; terbitkan atau selesaikan draf itu dulu agar tidak tertimpa.",
                    $"Form '{template.Key}' has an unpublished draft; publish or finish that draft first so that it is not overwritten."));
            }
        }

        WorkflowDefinition? publishedWorkflow = null;
        var workflowNeeded = false;
        if (workflow is not null)
        {
            publishedWorkflow = await definitions.GetPublishedAsync(workflow.DefinitionId, cancellationToken);
            workflowNeeded = publishedWorkflow is null || (mode == TemplateCloneMode.NewVersion && !SameWorkflow(workflow, publishedWorkflow));
            if (workflowNeeded)
            {
                // The forms are checked above; only the engine's own checks remain.
                problems.AddRange(WorkflowValidator.Validate(workflow).Select(p => new TemplateProblem(TemplateKind.Workflow, workflow.DefinitionId, p.Code, p.Indonesian, p.English)));
                if ((await definitions.ListVersionsAsync(workflow.DefinitionId, cancellationToken)).Any(v => v.Status == DefinitionStatus.Draft))
                {
                    problems.Add(new TemplateProblem(TemplateKind.Workflow, workflow.DefinitionId, "DraftOpen",
                        $"Alur kerja '{workflow.DefinitionId}' punya draf yang belum diterbitkan; terbitkan atau selesaikan draf itu dulu agar tidak tertimpa.",
                        $"Workflow '{workflow.DefinitionId}' has an unpublished draft; publish or finish that draft first so that it is not overwritten."));
                }
            }
        }

        if (problems.Count > 0)
            return new TemplateCloneReport(key, [], problems);

        var steps = new List<TemplateCloneStep>();
        foreach (var (template, published) in formPlans)
        {
            if (published is not null && mode == TemplateCloneMode.SkipPublished)
            {
                steps.Add(new TemplateCloneStep(TemplateKind.Form, template.Key, TemplateCloneAction.Skipped, published.Version));
                continue;
            }

            if (published is not null && SameForm(template, published))
            {
                steps.Add(new TemplateCloneStep(TemplateKind.Form, template.Key, TemplateCloneAction.Unchanged, published.Version));
                continue;
            }

            var saved = await forms.SaveDraftAsync(Copy(template), null, author, cancellationToken);
            var result = saved.Status == FormSaveStatus.Saved ? await forms.PublishAsync(template.Key, Note(template.Version), cancellationToken) : saved;
            if (result.Status != FormSaveStatus.Saved)
                return new TemplateCloneReport(key, steps, [.. result.Problems.Select(p => new TemplateProblem(TemplateKind.Form, template.Key, p.Code, p.Indonesian, p.English))]);
            steps.Add(new TemplateCloneStep(TemplateKind.Form, template.Key, published is null ? TemplateCloneAction.Created : TemplateCloneAction.NewVersion, result.Version!.Value));
        }

        if (workflow is not null)
        {
            if (!workflowNeeded)
            {
                steps.Add(new TemplateCloneStep(TemplateKind.Workflow, workflow.DefinitionId,
                    mode == TemplateCloneMode.SkipPublished ? TemplateCloneAction.Skipped : TemplateCloneAction.Unchanged, publishedWorkflow!.Version));
            }
            else
            {
                var templateVersion = workflow.Version;
                workflow.TenantId = null;
                var saved = await definitions.SaveDraftAsync(workflow, null, cancellationToken);
                var result = saved.Status == DefinitionSaveStatus.Saved ? await definitions.PublishAsync(workflow.DefinitionId, Note(templateVersion), cancellationToken) : saved;
                if (result.Status != DefinitionSaveStatus.Saved)
                    return new TemplateCloneReport(key, steps, [.. result.Problems.Select(p => new TemplateProblem(TemplateKind.Workflow, workflow.DefinitionId, p.Code, p.Indonesian, p.English))]);
                steps.Add(new TemplateCloneStep(TemplateKind.Workflow, workflow.DefinitionId,
                    publishedWorkflow is null ? TemplateCloneAction.Created : TemplateCloneAction.NewVersion, result.Version!.Value));
            }
        }

        return new TemplateCloneReport(key, steps, []);
    }

    private static string Note(int templateVersion) =>
        $"Disalin dari pustaka templat nasional (templat versi {templateVersion}) / Cloned from the national template library (template version {templateVersion})";

    private static FormDefinition Copy(FormDefinition form) => FormJson.Deserialize(FormJson.Serialize(form));

    // Equal when the content is: version numbers and status differ between the file and the pemda.
    private static bool SameForm(FormDefinition template, FormDefinition published)
    {
        var (a, b) = (Copy(template), Copy(published));
        (a.Version, a.Status, b.Version, b.Status) = (0, FormStatus.Draft, 0, FormStatus.Draft);
        return Canonical(FormJson.Serialize(a)) == Canonical(FormJson.Serialize(b));
    }

    private static bool SameWorkflow(WorkflowDefinition template, WorkflowDefinition published)
    {
        var (a, b) = (WorkflowJson.Deserialize(WorkflowJson.Serialize(template)), WorkflowJson.Deserialize(WorkflowJson.Serialize(published)));
        (a.Version, a.Status, a.TenantId, b.Version, b.Status, b.TenantId) = (0, DefinitionStatus.Draft, null, 0, DefinitionStatus.Draft, null);
        return Canonical(WorkflowJson.Serialize(a)) == Canonical(WorkflowJson.Serialize(b));
    }

    // PostgreSQL's jsonb gives object members back in its own order; the content is what counts.
    private static string Canonical(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static TemplateCloneReport Refused(string key, TemplateProblem problem) => new(key, [], [problem]);

    private static (string Indonesian, string English) Split(string message) =>
        message.Split(" / ", 2) is [var id, var en] ? (id, en) : (message, message);
}

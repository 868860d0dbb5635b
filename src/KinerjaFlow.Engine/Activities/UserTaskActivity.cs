using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// A task for a person. Entering it creates a bookmark carrying the title (fixed, or from
/// <c>titleExpression</c>), the assignee rule and
/// the outcomes, and the token waits. Resuming takes <c>{ "outcome": "Setuju", "comment": "..." }</c>
/// and leaves by the out port named like the outcome, so a "Kembalikan" connection back to an
/// earlier task is how a return for revision loops. With several people (a committee, or a rule that
/// yields several), <c>mode</c> says how their answers decide (<see cref="ApprovalMode"/>; the first
/// outcome is the approving one) and the Runtime resumes the bookmark once, with the deciding outcome.
/// <c>allowRepeatApprover</c> lets someone who already approved a step of the request act again.
/// With <c>dueDays</c> the bookmark is due that many working days later on the pemda's calendar (at
/// the same wall-clock time in its time zone) and carries <c>onDue</c> (reminder, escalate or
/// defaultOutcome, with <c>defaultOutcome</c>) for the runtime's due worker; <c>editableSections</c>
/// names the form sections this step may change, and a resume with <c>data</c> (already validated by
/// the runtime) replaces the instance's form.
/// </summary>
public sealed class UserTaskActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "UserTask";

    /// <summary>The bookmark kind of user tasks.</summary>
    public const string BookmarkKind = BookmarkKinds.UserTask;

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Tugas pengguna", "User task"), ActivityCategory.HumanTask, ActivityPorts.InOnly, [],
        [
            new PropertyDescriptor("title", new LocalizedText("Judul tugas", "Task title"), PropertyEditor.Text),
            new PropertyDescriptor("titleExpression", new LocalizedText("Judul tugas (ekspresi)", "Task title (expression)"), PropertyEditor.Expression),
            new PropertyDescriptor("assignee", new LocalizedText("Penerima tugas", "Assignee"), PropertyEditor.AssigneeRule, Required: true),
            new PropertyDescriptor("outcomes", new LocalizedText("Pilihan hasil", "Outcomes"), PropertyEditor.StringList, Required: true),
            new PropertyDescriptor("commentRequired", new LocalizedText("Hasil yang wajib diberi komentar", "Outcomes that need a comment"), PropertyEditor.StringList),
            new PropertyDescriptor("formKey", new LocalizedText("Formulir", "Form"), PropertyEditor.Text),
            new PropertyDescriptor("mode", new LocalizedText("Mode persetujuan (single / anyOf / allOf / quorum / sequential)", "Approval mode (single / anyOf / allOf / quorum / sequential)"), PropertyEditor.Choice),
            new PropertyDescriptor("quorum", new LocalizedText("Kuorum", "Quorum"), PropertyEditor.Number),
            new PropertyDescriptor("allowRepeatApprover", new LocalizedText("Boleh disetujui oleh penyetuju tahap sebelumnya", "May be approved by an earlier step's approver"), PropertyEditor.Boolean),
            new PropertyDescriptor("editableSections", new LocalizedText("Bagian formulir yang boleh diubah", "Form sections this step may edit"), PropertyEditor.StringList),
            new PropertyDescriptor("dueDays", new LocalizedText("Batas waktu (hari kerja)", "Due in (working days)"), PropertyEditor.Number),
            new PropertyDescriptor("onDue", new LocalizedText("Saat jatuh tempo (reminder / escalate / defaultOutcome)", "When due (reminder / escalate / defaultOutcome)"), PropertyEditor.Choice),
            new PropertyDescriptor("defaultOutcome", new LocalizedText("Hasil bawaan saat jatuh tempo", "Default outcome when due"), PropertyEditor.Text),
        ],
        DynamicOutPorts: true);

    /// <inheritdoc/>
    public override IReadOnlyList<string> OutPorts(ActivityDefinition activity) => activity.Strings("outcomes");

    /// <summary>Every outcome: a request rejected by an open port would "complete" with no outcome.</summary>
    public override IEnumerable<string> PortsThatMustBeConnected(ActivityDefinition activity) => OutPorts(activity);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        var payload = new JsonObject
        {
            ["title"] = Title(context),
            ["assignee"] = Assignees.Resolve(context, "assignee"),
            ["outcomes"] = new JsonArray([.. activity.Strings("outcomes").Select(o => (JsonNode?)o)]),
        };
        if (activity.String("formKey") is { } formKey)
            payload["formKey"] = formKey;
        var mode = Mode(activity) ?? ApprovalMode.OnePerson;
        if (mode != ApprovalMode.OnePerson)
            payload["mode"] = ModeName(mode);
        if (mode == ApprovalMode.Quorum)
            payload["quorum"] = activity.Integer("quorum");
        if (activity.Boolean("allowRepeatApprover", false) == true)
            payload["allowRepeatApprover"] = true;
        if (activity.Strings("commentRequired") is { Count: > 0 } needComment)
            payload["commentRequired"] = new JsonArray([.. needComment.Select(o => (JsonNode?)o)]);
        if (activity.Strings("editableSections") is { Count: > 0 } editable)
            payload["editableSections"] = new JsonArray([.. editable.Select(o => (JsonNode?)o)]);
        DateTimeOffset? due = null;
        if (activity.Integer("dueDays") is { } days and > 0)
        {
            due = DueAt(context, days);
            payload["onDue"] = activity.String("onDue") ?? OnDueReminder;
            if (activity.String("defaultOutcome") is { } defaultOutcome)
                payload["defaultOutcome"] = defaultOutcome;
        }

        return ActivityResult.Wait(BookmarkKind, payload, due);
    }

    /// <summary>On-due action: notify the assignee once.</summary>
    public const string OnDueReminder = "reminder";

    /// <summary>On-due action: hand the task to the current assignee's next superior.</summary>
    public const string OnDueEscalate = "escalate";

    /// <summary>On-due action: complete the task as the system with <c>defaultOutcome</c>.</summary>
    public const string OnDueDefaultOutcome = "defaultOutcome";

    /// <summary>
    /// <paramref name="days"/> working days after now on the pemda's calendar, at the same wall-clock
    /// time in its time zone (without a calendar: weekdays in WIB).
    /// </summary>
    private static DateTimeOffset DueAt(ActivityContext context, int days)
    {
        var calendar = context.WorkingDays ?? new Calendar.WorkingDayCalendar([]);
        var zone = (calendar as Calendar.WorkingDayCalendar)?.TimeZone ?? Calendar.WorkingDayCalendar.Wib;
        var local = TimeZoneInfo.ConvertTime(context.Clock.GetUtcNow(), zone);
        var day = calendar.AddWorkingDays(DateOnly.FromDateTime(local.DateTime), days);
        var wall = day.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary>The expression's value when there is one (e.g. <c>'Cuti ' + initiator.nama</c>), else the fixed title, else the name.</summary>
    private static string Title(ActivityContext context)
    {
        var activity = context.Activity;
        if (activity.String("titleExpression") is { } expression)
            return context.Evaluate(expression)?.ToString() ?? string.Empty;
        return activity.String("title") ?? activity.Name ?? activity.Id;
    }

    /// <summary>The approval mode of a task activity, <see langword="null"/> when the property names none of them.</summary>
    public static ApprovalMode? Mode(ActivityDefinition activity) => activity.String("mode") switch
    {
        null when !activity.Has("mode") => ApprovalMode.OnePerson,
        "single" => ApprovalMode.OnePerson,
        "anyOf" => ApprovalMode.AnyOf,
        "allOf" => ApprovalMode.AllOf,
        "quorum" => ApprovalMode.Quorum,
        "sequential" => ApprovalMode.Sequential,
        _ => null,
    };

    /// <summary>The mode as written in definitions and bookmark payloads.</summary>
    public static string ModeName(ApprovalMode mode) => mode switch
    {
        ApprovalMode.AnyOf => "anyOf",
        ApprovalMode.AllOf => "allOf",
        ApprovalMode.Quorum => "quorum",
        ApprovalMode.Sequential => "sequential",
        _ => "single",
    };

    /// <summary>The mode of a bookmark payload written by <see cref="Execute"/> (single when absent or unknown).</summary>
    public static ApprovalMode ModeOf(JsonObject? payload) => PropertyReader.AsString(payload?["mode"]) switch
    {
        "anyOf" => ApprovalMode.AnyOf,
        "allOf" => ApprovalMode.AllOf,
        "quorum" => ApprovalMode.Quorum,
        "sequential" => ApprovalMode.Sequential,
        _ => ApprovalMode.OnePerson,
    };

    /// <summary>
    /// Checks one person's answer to the task without resuming it: the outcome must be offered and
    /// carry a comment when the task wants one (used for a member's answer that does not decide yet).
    /// </summary>
    /// <exception cref="ArgumentException">The outcome is not offered or its comment is missing.</exception>
    public static void CheckAnswer(ActivityDefinition activity, string? outcome, string? comment)
    {
        var outcomes = activity.Strings("outcomes");
        if (outcome is null || !outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Hasil '{outcome}' tidak tersedia untuk tugas {activity.Label} (pilihan: {string.Join(", ", outcomes)}). / " +
                $"Outcome '{outcome}' is not offered by task {activity.Label} (choices: {string.Join(", ", outcomes)}).",
                nameof(outcome));
        }

        if (string.IsNullOrWhiteSpace(comment) && activity.Strings("commentRequired").Contains(outcome, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Hasil '{outcome}' pada tugas {activity.Label} wajib disertai komentar. / Outcome '{outcome}' of task {activity.Label} needs a comment.",
                nameof(comment));
        }
    }

    /// <inheritdoc/>
    public override ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor)
    {
        var activity = context.Activity;
        var outcome = PropertyReader.AsString(payload?["outcome"]);
        var comment = PropertyReader.AsString(payload?["comment"]);
        var outcomes = activity.Strings("outcomes");
        if (outcome is null || !outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Hasil '{outcome}' tidak tersedia untuk tugas {activity.Label} (pilihan: {string.Join(", ", outcomes)}). / " +
                $"Outcome '{outcome}' is not offered by task {activity.Label} (choices: {string.Join(", ", outcomes)}).",
                nameof(payload));
        }

        if (string.IsNullOrWhiteSpace(comment) && activity.Strings("commentRequired").Contains(outcome, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Hasil '{outcome}' pada tugas {activity.Label} wajib disertai komentar. / Outcome '{outcome}' of task {activity.Label} needs a comment.",
                nameof(payload));
        }

        // The step's form data, already validated by the runtime against the step's editable
        // sections, replaces the instance's form in the same step.
        if (payload?["data"] is JsonObject data)
            context.Instance.Form = (JsonObject)data.DeepClone();

        context.Instance.LastTask = new JsonObject
        {
            ["activity"] = activity.Id,
            ["outcome"] = outcome,
            ["comment"] = comment,
            ["actor"] = actor,
            ["completedAt"] = context.Clock.GetUtcNow().ToString("O"),
        };
        return ActivityResult.Next(outcome);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        foreach (var problem in Assignees.Validate(activity, "assignee", evaluator))
            yield return problem;

        if (CheckExpression(activity, "titleExpression", activity.String("titleExpression"), evaluator, required: false) is { } title)
            yield return title;

        var outcomes = activity.Strings("outcomes");
        if (outcomes.Count == 0)
        {
            yield return new ValidationProblem(activity.Id, "outcomes", "MissingOutcomes",
                $"Tugas {activity.Label}: perlu paling sedikit satu pilihan hasil (mis. Setuju).",
                $"Task {activity.Label}: needs at least one outcome (e.g. Setuju).");
        }
        else if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
        {
            yield return new ValidationProblem(activity.Id, "outcomes", "DuplicateOutcome",
                $"Tugas {activity.Label}: pilihan hasil tidak boleh kembar.",
                $"Task {activity.Label}: outcomes must not repeat.");
        }

        var mode = Mode(activity);
        if (mode is null)
        {
            yield return new ValidationProblem(activity.Id, "mode", "UnknownApprovalMode",
                $"Tugas {activity.Label}: mode '{activity.Properties["mode"]?.ToJsonString()}' tidak dikenal (single, anyOf, allOf, quorum, sequential).",
                $"Task {activity.Label}: unknown mode '{activity.Properties["mode"]?.ToJsonString()}' (single, anyOf, allOf, quorum, sequential).");
        }
        else if (mode == ApprovalMode.Quorum && activity.Integer("quorum") is not (>= 1 and <= AssigneeRule.MaxPeople))
        {
            yield return new ValidationProblem(activity.Id, "quorum", "InvalidQuorum",
                $"Tugas {activity.Label}: mode quorum perlu 'quorum' bilangan bulat 1 sampai {AssigneeRule.MaxPeople}.",
                $"Task {activity.Label}: quorum mode needs 'quorum', a whole number from 1 to {AssigneeRule.MaxPeople}.");
        }
        else if (mode != ApprovalMode.Quorum && activity.Has("quorum"))
        {
            yield return new ValidationProblem(activity.Id, "quorum", "QuorumWithoutQuorumMode",
                $"Tugas {activity.Label}: 'quorum' hanya berlaku dengan mode quorum.",
                $"Task {activity.Label}: 'quorum' only applies with quorum mode.");
        }

        if (activity.Boolean("allowRepeatApprover", false) is null)
        {
            yield return new ValidationProblem(activity.Id, "allowRepeatApprover", "NotABoolean",
                $"Tugas {activity.Label}: 'allowRepeatApprover' harus true atau false.",
                $"Task {activity.Label}: 'allowRepeatApprover' must be true or false.");
        }

        foreach (var problem in ValidateDue(activity, outcomes))
            yield return problem;
    }

    private static IEnumerable<ValidationProblem> ValidateDue(ActivityDefinition activity, List<string> outcomes)
    {
        if (activity.Has("dueDays") && activity.Integer("dueDays") is not (>= 1 and <= 365))
        {
            yield return new ValidationProblem(activity.Id, "dueDays", "InvalidDueDays",
                $"Tugas {activity.Label}: batas waktu harus bilangan bulat 1–365 hari kerja.",
                $"Task {activity.Label}: the due time must be a whole number of 1–365 working days.");
        }

        var onDue = activity.String("onDue");
        if (activity.Has("onDue") && onDue is not (OnDueReminder or OnDueEscalate or OnDueDefaultOutcome))
        {
            yield return new ValidationProblem(activity.Id, "onDue", "InvalidOnDue",
                $"Tugas {activity.Label}: tindakan saat jatuh tempo harus reminder, escalate atau defaultOutcome.",
                $"Task {activity.Label}: the on-due action must be reminder, escalate or defaultOutcome.");
        }

        if (onDue == OnDueDefaultOutcome && (activity.String("defaultOutcome") is not { } fallback || !outcomes.Contains(fallback, StringComparer.Ordinal)))
        {
            yield return new ValidationProblem(activity.Id, "defaultOutcome", "InvalidDefaultOutcome",
                $"Tugas {activity.Label}: hasil bawaan harus salah satu pilihan hasil.",
                $"Task {activity.Label}: the default outcome must be one of the outcomes.");
        }
        else if (onDue == OnDueDefaultOutcome && activity.Strings("commentRequired").Contains(activity.String("defaultOutcome")!, StringComparer.Ordinal))
        {
            yield return new ValidationProblem(activity.Id, "defaultOutcome", "DefaultOutcomeNeedsComment",
                $"Tugas {activity.Label}: hasil bawaan tidak boleh hasil yang wajib diberi komentar.",
                $"Task {activity.Label}: the default outcome cannot be one that needs a comment.");
        }
    }
}

/// <summary>How the answers of several people to one task decide it; the first outcome approves.</summary>
public enum ApprovalMode
{
    /// <summary>One person, or a group task that anyone of the group may take: the first answer decides.</summary>
    OnePerson,

    /// <summary>Everyone gets the task; the first answer decides.</summary>
    AnyOf,

    /// <summary>Everyone must approve; any other outcome decides at once.</summary>
    AllOf,

    /// <summary>The first n equal outcomes decide.</summary>
    Quorum,

    /// <summary>One at a time in member order; an approval passes it on, any other outcome decides.</summary>
    Sequential,
}

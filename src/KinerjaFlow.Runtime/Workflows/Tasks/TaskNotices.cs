using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Background;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>The kinds of notice the inbox sends on its own (apart from a flow's Notify activities).</summary>
public enum NoticeKind
{
    /// <summary>A task opened for the recipient.</summary>
    TaskAssigned,

    /// <summary>The recipient's task fell due (on-due action "reminder").</summary>
    Reminder,

    /// <summary>An overdue task was handed to the recipient, or taken from them (on-due action "escalate").</summary>
    Escalated,

    /// <summary>The recipient's request ended with an outcome.</summary>
    RequestDecided,

    /// <summary>The recipient's request came back to them for revision.</summary>
    ReturnedForRevision,
}

/// <summary>
/// The notice templates, kept as data in one place: subject and body in Bahasa Indonesia, then English.
/// Placeholders in braces are filled from the values given (unknown ones stay empty).
/// </summary>
public static class NoticeTemplates
{
    /// <summary>Subject and body per kind, Indonesian first.</summary>
    public static readonly IReadOnlyDictionary<NoticeKind, (string Subject, string Body)> All = new Dictionary<NoticeKind, (string, string)>
    {
        [NoticeKind.TaskAssigned] = (
            "Tugas baru: {title} / New task: {title}",
            "Ada tugas baru untuk Anda: {title} ({workflow}), diajukan oleh {initiator}.{dueId}\nBuka Kotak Tugas untuk menindaklanjuti.\n\n"
            + "A new task awaits you: {title} ({workflow}), requested by {initiator}.{dueEn}\nOpen your inbox to act on it."),
        [NoticeKind.Reminder] = (
            "Pengingat: {title} jatuh tempo / Reminder: {title} is due",
            "Tugas {title} ({workflow}) atas permohonan {initiator} telah jatuh tempo pada {due}. Mohon segera ditindaklanjuti.\n\n"
            + "Task {title} ({workflow}) on the request of {initiator} fell due on {due}. Please act on it soon."),
        [NoticeKind.Escalated] = (
            "Eskalasi: {title} / Escalated: {title}",
            "Tugas {title} ({workflow}) atas permohonan {initiator} melewati batas waktu {due} dan dialihkan dari {from} kepada {to}.\n\n"
            + "Task {title} ({workflow}) on the request of {initiator} passed its due time {due} and was moved from {from} to {to}."),
        [NoticeKind.RequestDecided] = (
            "Permohonan Anda selesai: {outcome} / Your request was decided: {outcome}",
            "Permohonan {workflow} Anda telah selesai dengan hasil {outcome}.\n\nYour {workflow} request was decided: {outcome}."),
        [NoticeKind.ReturnedForRevision] = (
            "Permohonan dikembalikan untuk revisi: {workflow} / Request returned for revision: {workflow}",
            "Permohonan {workflow} Anda dikembalikan untuk diperbaiki. Catatan: {comment}\nPerbaiki lalu ajukan kembali melalui Kotak Tugas.\n\n"
            + "Your {workflow} request was returned for revision. Note: {comment}\nRevise it and resubmit it from your inbox."),
    };

    /// <summary>The subject and body of <paramref name="kind"/> with <paramref name="values"/> filled in.</summary>
    public static (string Subject, string Body) Render(NoticeKind kind, IReadOnlyDictionary<string, string?> values)
    {
        var (subject, body) = All[kind];
        return (Fill(subject, values), Fill(body, values));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values)
    {
        var text = new System.Text.StringBuilder(template.Length + 64);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }

            text.Append(template, at, open - at);
            text.Append(values.TryGetValue(template[(open + 1)..close], out var value) ? value : null);
            at = close + 1;
        }

        return text.ToString();
    }
}

/// <summary>
/// Queues notices in the outbox of the step being saved (so they leave only if the step commits): a
/// <see cref="TaskNoticeHandler"/> writes the in-app notification and sends the e-mail.
/// </summary>
public static class TaskNotices
{
    /// <summary>The outbox kind of these notices.</summary>
    public const string OutboxKind = "TaskNotice";

    /// <summary>Queues a notice to named employees.</summary>
    public static void ToEmployees(KinerjaFlowDbContext db, NoticeKind kind, Guid? instanceId, Guid? taskId, IEnumerable<Guid> employees, IReadOnlyDictionary<string, string?> values, DateTime now)
    {
        var list = employees.Distinct().ToList();
        if (list.Count == 0)
            return;
        Queue(db, kind, instanceId, taskId, new JsonObject { ["employeeIds"] = new JsonArray([.. list.Select(e => (JsonNode?)e.ToString())]) }, values, now);
    }

    /// <summary>Queues a notice to whoever may act on <paramref name="task"/> (its person, or the holders of its role).</summary>
    public static void ToAssignees(KinerjaFlowDbContext db, NoticeKind kind, WorkflowTask task, IReadOnlyDictionary<string, string?> values, DateTime now)
    {
        if (task.AssigneeEmployeeId is { } employee)
            ToEmployees(db, kind, task.InstanceId, task.Id, [employee], values, now);
        else if (task.AssigneeRole is { } role)
            Queue(db, kind, task.InstanceId, task.Id, new JsonObject { ["role"] = role, ["unitId"] = task.AssigneeUnitId?.ToString() }, values, now);
    }

    /// <summary>The values the templates use, from a task.</summary>
    public static Dictionary<string, string?> Values(WorkflowTask task)
    {
        var due = task.DueAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["title"] = task.Title, ["workflow"] = task.DefinitionName ?? task.DefinitionId,
            ["initiator"] = task.InitiatorName is { } name ? $"{name} ({task.InitiatorNip})" : "-",
            ["due"] = due,
            ["dueId"] = due is null ? null : $" Batas waktu: {due}.",
            ["dueEn"] = due is null ? null : $" Due: {due}.",
        };
    }

    private static void Queue(KinerjaFlowDbContext db, NoticeKind kind, Guid? instanceId, Guid? taskId, JsonObject to, IReadOnlyDictionary<string, string?> values, DateTime now)
    {
        var (subject, body) = NoticeTemplates.Render(kind, values);
        db.Outbox.Add(new OutboxRecord
        {
            InstanceId = instanceId, MessageId = $"notice:{Guid.CreateVersion7():N}", Kind = OutboxKind, NextAttemptAt = now, CreatedAt = now,
            Payload = new JsonObject
            {
                ["kind"] = kind.ToString(), ["to"] = to, ["taskId"] = taskId?.ToString(), ["subject"] = subject, ["body"] = body,
            }.ToJsonString(),
        });
    }
}

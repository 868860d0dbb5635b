using System.Text.Json.Nodes;
using KinerjaFlow.Runtime.Workflows.Background;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>
/// Delivers a <see cref="TaskNotices"/> message: one in-app notification per recipient (written in
/// the same transaction as the message's Delivered status, so a redelivery adds nothing) and one
/// e-mail to the recipients who have an address.
/// </summary>
public sealed class TaskNoticeHandler(IEmailSender email, TimeProvider clock) : IOutboxHandler
{
    /// <inheritdoc/>
    public string Kind => TaskNotices.OutboxKind;

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var (db, message, payload) = (delivery.Db, delivery.Message, delivery.Payload);
        var to = payload["to"] as JsonObject;
        List<Guid> recipients;
        if (to?["employeeIds"] is JsonArray ids)
            recipients = [.. ids.Select(i => Guid.TryParse(i?.ToString(), out var id) ? id : Guid.Empty).Where(i => i != Guid.Empty)];
        else if (to?["role"]?.ToString() is { } role)
            recipients = await Recipients.HoldersAsync(db, role, Guid.TryParse(to["unitId"]?.ToString(), out var unit) ? unit : null, cancellationToken);
        else
            recipients = [];
        if (recipients.Count == 0)
            return DeliveryResult.Failed("Tidak ada penerima untuk pemberitahuan ini. / This notification has no recipient.", permanent: true);
        await Notices.DeliverAsync(delivery, recipients, email, clock, inApp: true, byEmail: true, cancellationToken);
        return DeliveryResult.Ok();
    }
}

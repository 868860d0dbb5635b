using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>
/// A Notify activity's message: in-app notifications (written in the same transaction as the
/// message's Delivered status, one per employee, so a redelivery adds nothing) and e-mail to those
/// recipients who have an address.
/// </summary>
public sealed class NotifyHandler(IEmailSender email, TimeProvider clock) : IOutboxHandler
{
    public string Kind => OutboxKinds.Notify;

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var (db, message, payload) = (delivery.Db, delivery.Message, delivery.Payload);
        var recipients = await Recipients.ResolveAsync(db, payload["to"], message.InstanceId, clock, cancellationToken);
        if (recipients.Count == 0)
            return DeliveryResult.Failed("Tidak ada penerima untuk pemberitahuan ini. / This notification has no recipient.", permanent: true);
        var channels = payload["channels"] is JsonArray list ? list.Select(c => c?.ToString()).ToList() : ["InApp", "Email"];
        await Notices.DeliverAsync(delivery, recipients, email, clock, inApp: channels.Contains("InApp"), byEmail: channels.Contains("Email"), cancellationToken);
        return DeliveryResult.Ok();
    }
}

/// <summary>What every notice shares: an e-mail to the recipients who have an address, and one in-app
/// notification per recipient written in the same transaction as the message's Delivered status, so a
/// redelivery adds nothing.</summary>
internal static class Notices
{
    public static async Task DeliverAsync(OutboxDelivery delivery, IReadOnlyCollection<Guid> recipients, IEmailSender email, TimeProvider clock,
        bool inApp, bool byEmail, CancellationToken cancellationToken)
    {
        var (db, message, payload) = (delivery.Db, delivery.Message, delivery.Payload);
        var subject = payload["subject"]?.ToString() ?? string.Empty;
        var body = payload["body"]?.ToString() ?? string.Empty;
        if (byEmail)
        {
            var addressed = await db.Employees.AsNoTracking().Where(e => recipients.Contains(e.Id) && e.Email != null)
                .Select(e => new { e.Name, e.Email }).ToListAsync(cancellationToken);
            if (addressed.Count > 0)
                await email.SendAsync(message.Id.ToString(), [.. addressed.Select(a => (a.Name, a.Email!))], subject, body, cancellationToken);
        }

        if (!inApp)
            return;
        var already = await db.Notifications.AsNoTracking().Where(n => n.SourceMessageId == message.Id).Select(n => n.EmployeeId).ToListAsync(cancellationToken);
        foreach (var employeeId in recipients.Except(already))
        {
            db.Notifications.Add(new Notification
            {
                EmployeeId = employeeId, Subject = subject.Length > 500 ? subject[..500] : subject, Body = body.Length > 8000 ? body[..8000] : body,
                InstanceId = message.InstanceId, SourceMessageId = message.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
    }
}

/// <summary>An HttpRequest activity's message: sent with the message id as <c>Idempotency-Key</c>; a 2xx is delivered, anything else is retried.</summary>
public sealed class HttpHandler(HttpClient http) : IOutboxHandler
{
    /// <summary>How much of a response body is kept for the flow.</summary>
    public const int MaxResponseLength = 64 * 1024;

    public string Kind => OutboxKinds.Http;

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = delivery.Payload;
        if (!Uri.TryCreate(payload["url"]?.ToString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return DeliveryResult.Failed($"Alamat '{payload["url"]}' bukan URL http(s) yang lengkap. / '{payload["url"]}' is not an absolute http(s) URL.", permanent: true);
        using var request = new HttpRequestMessage(new HttpMethod(payload["method"]?.ToString() ?? "POST"), url);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", delivery.Message.Id.ToString());
        if (payload["headers"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
                request.Headers.TryAddWithoutValidation(name, value?.ToString());
        }

        if (payload["body"] is { } body)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.InnerException is WebhookTargetRefusedException refused)
        {
            // Trying again would be refused again: straight to the dead letter.
            return DeliveryResult.Failed(refused.Message, permanent: true);
        }

        using var _ = response;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length > MaxResponseLength)
            text = text[..MaxResponseLength];
        JsonNode? parsed;
        try
        {
            parsed = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            parsed = JsonValue.Create(text);
        }

        var result = new JsonObject { ["status"] = (int)response.StatusCode, ["body"] = parsed };
        return response.IsSuccessStatusCode
            ? DeliveryResult.Ok(result)
            : DeliveryResult.Failed(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} dari {url.Host}. / HTTP {(int)response.StatusCode} from {url.Host}."), response: result);
    }
}

/// <summary>A SubWorkflow that does not wait: the child starts after the parent's step committed, once (the message id is its operation id).</summary>
public sealed class StartWorkflowHandler : IOutboxHandler
{
    public string Kind => OutboxKinds.StartWorkflow;

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var (db, message, payload) = (delivery.Db, delivery.Message, delivery.Payload);
        var definitionId = payload["definitionId"]?.ToString() ?? string.Empty;
        var parent = message.InstanceId is { } parentId
            ? await db.Instances.AsNoTracking().Where(i => i.Id == parentId).Select(i => new { i.InitiatorEmployeeId, i.State }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var input = payload["input"] as JsonObject;
        try
        {
            await delivery.Runner.StartAsync(definitionId, new WorkflowInput
            {
                Form = input?["form"] as JsonObject,
                Variables = input?["variables"] as JsonObject,
                Initiator = parent is null ? null : InstanceRunner.Deserialize(parent.State).Initiator,
                Actor = "sistem",
            }, new StartOptions(parent?.InitiatorEmployeeId, OperationId: $"outbox:{message.Id}"), cancellationToken);
        }
        catch (WorkflowRuntimeException exception)
        {
            return DeliveryResult.Failed(exception.Message);
        }

        return DeliveryResult.Ok();
    }
}

/// <summary>Who a notification goes to: the same rules as task assignees, plus the initiator.</summary>
internal static class Recipients
{
    public static async Task<List<Guid>> ResolveAsync(KinerjaFlowDbContext db, JsonNode? rule, Guid? instanceId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var initiator = instanceId is { } id
            ? await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.InitiatorEmployeeId).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (rule?["kind"]?.ToString() == "initiator")
            return initiator is { } self ? [self] : [];
        var assignment = await new Tasks.TaskAssigner(db, new OrgDirectory(db, clock), clock).ResolveAsync(rule, initiator, cancellationToken);
        // A rule that finds nobody notifies nobody (a task would go to the administrators instead);
        // a committee or a list of NIPs notifies everyone it names.
        if (assignment.Problem is not null)
            return [];
        if (assignment.People.Count > 0)
            return [.. assignment.People];
        if (assignment.Role is not { } role)
            return [];
        return await HoldersAsync(db, role, assignment.UnitId, cancellationToken);
    }

    /// <summary>The employees whose user account holds <paramref name="role"/> (in <paramref name="unitId"/> when given).</summary>
    public static async Task<List<Guid>> HoldersAsync(KinerjaFlowDbContext db, string role, Guid? unitId, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var holders = from userRole in db.UserRoles
                      join named in db.Roles on userRole.RoleId equals named.Id
                      join user in db.Users on userRole.UserId equals user.Id
                      where named.Name == role && user.TenantId == tenantId && user.EmployeeId != null
                      select user.EmployeeId!.Value;
        if (unitId is { } unit)
            holders = holders.Where(e => db.Employees.Any(x => x.Id == e && x.UnitId == unit));
        return await holders.Distinct().ToListAsync(cancellationToken);
    }
}

/// <summary>
/// The one HTTP client for webhooks: pooled connections, a timeout per request, no cookies, no
/// redirects. A workflow author chooses the URL, so the client connects only to public addresses
/// unless <see cref="WorkerOptions.AllowPrivateWebhookTargets"/> is set: the name is resolved once and
/// the vetted address is the one connected to, so a name cannot be re-pointed at the server's own
/// network between the check and the connection.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    public WebhookClient(Microsoft.Extensions.Options.IOptions<WorkerOptions> options)
    {
        var allowPrivate = options.Value.AllowPrivateWebhookTargets;
        Http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await System.Net.Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                var target = addresses.FirstOrDefault(a => allowPrivate || IsPublic(a))
                    ?? throw new WebhookTargetRefusedException(context.DnsEndPoint.Host);
                var socket = new System.Net.Sockets.Socket(target.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, context.DnsEndPoint.Port, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http { get; }

    /// <summary>False for loopback, private, link-local (cloud metadata), unique-local, multicast and unspecified addresses.</summary>
    public static bool IsPublic(System.Net.IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (System.Net.IPAddress.IsLoopback(address) || address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any))
            return false;
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>A webhook whose host resolves only to addresses of the server's own networks.</summary>
public sealed class WebhookTargetRefusedException(string host) : Exception(
    $"Alamat '{host}' berada di jaringan internal; webhook hanya boleh ke alamat publik. / '{host}' is on an internal network; webhooks may only go to public addresses.");

using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Templates;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Calls a web service (SIASN-like systems) through the outbox: <c>method</c> (POST by default),
/// <c>url</c> and <c>headers</c> as Liquid templates, <c>body</c> an expression giving JSON. Emits a
/// <see cref="OutboxKinds.Http"/> message <c>{ method, url, headers, body }</c>. Without <c>wait</c>
/// (the default) it goes on by <c>Done</c>; with it the token waits on a
/// <see cref="BookmarkKinds.HttpResponse"/> bookmark <c>{ messageId }</c> until the Runtime resumes
/// with <c>{ status, body, deadLetter, error }</c> (stored in <c>vars[resultVariable]</c>) and leaves by
/// <c>Done</c> on a 2xx status, else by <c>Failed</c>. Only absolute http and https URLs are sent.
/// </summary>
public sealed class HttpRequestActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "HttpRequest";

    /// <summary>The port taken when the request was dead-lettered or the status is not 2xx.</summary>
    public const string Failed = "Failed";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Permintaan HTTP", "HTTP request"), ActivityCategory.Integration, ActivityPorts.InOnly, [ActivityPorts.Done, Failed],
        [
            new PropertyDescriptor("method", new LocalizedText("Metode", "Method"), PropertyEditor.Choice),
            new PropertyDescriptor("url", new LocalizedText("URL (templat Liquid)", "URL (Liquid template)"), PropertyEditor.Template, Required: true),
            new PropertyDescriptor("headers", new LocalizedText("Header (templat Liquid)", "Headers (Liquid templates)"), PropertyEditor.Json),
            new PropertyDescriptor("body", new LocalizedText("Isi (ekspresi JSON)", "Body (JSON expression)"), PropertyEditor.Expression),
            new PropertyDescriptor("wait", new LocalizedText("Tunggu jawaban", "Wait for the response"), PropertyEditor.Boolean),
            new PropertyDescriptor("resultVariable", new LocalizedText("Variabel hasil", "Result variable"), PropertyEditor.Text),
        ],
        DynamicOutPorts: true);

    /// <inheritdoc/>
    public override IReadOnlyList<string> OutPorts(ActivityDefinition activity) =>
        Waits(activity) ? [ActivityPorts.Done, Failed] : ActivityPorts.DoneOnly;

    /// <summary>Both ports of a waiting request must lead somewhere: a failed call that ends its branch silently is lost.</summary>
    public override IEnumerable<string> PortsThatMustBeConnected(ActivityDefinition activity) => Waits(activity) ? [ActivityPorts.Done, Failed] : [];

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        var values = context.Values();
        var url = LiquidTemplates.Render(activity.String("url") ?? string.Empty, values, $"{activity.Label}.url").Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"Aktivitas {activity.Label}: URL '{url}' bukan alamat http/https yang absolut. / Activity {activity.Label}: URL '{url}' is not an absolute http/https address.");
        }

        var headers = new JsonObject();
        foreach (var (name, template) in activity.Object("headers") ?? [])
        {
            var value = LiquidTemplates.Render(PropertyReader.AsString(template) ?? string.Empty, values, $"{activity.Label}.headers.{name}");
            // A line break from the data would smuggle in another header.
            if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Aktivitas {activity.Label}: header '{name}' berisi baris baru. / Activity {activity.Label}: header '{name}' contains a line break.");
            }

            headers[name] = value;
        }
        var body = activity.String("body") is { } expression ? context.Evaluate(expression) : null;
        var id = context.Emit(OutboxKinds.Http, new JsonObject
        {
            ["method"] = (activity.String("method") ?? "POST").ToUpperInvariant(),
            ["url"] = uri.AbsoluteUri,
            ["headers"] = headers,
            ["body"] = body,
        });
        return Waits(activity) ? ActivityResult.Wait(BookmarkKinds.HttpResponse, new JsonObject { ["messageId"] = id }) : ActivityResult.Done;
    }

    /// <inheritdoc/>
    public override ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor)
    {
        if (context.Activity.String("resultVariable") is { Length: > 0 } variable)
            context.Instance.Variables[variable] = payload?.DeepClone() ?? new JsonObject();
        var status = PropertyReader.Number(payload?["status"]) ?? 0;
        var deadLetter = payload?["deadLetter"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
        return ActivityResult.Next(!deadLetter && status is >= 200 and <= 299 ? ActivityPorts.Done : Failed);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (activity.String("method") is { } method && !Methods.Contains(method.ToUpperInvariant(), StringComparer.Ordinal))
        {
            yield return new ValidationProblem(activity.Id, "method", "InvalidMethod",
                $"Aktivitas {activity.Label}: metode '{method}' tidak didukung ({string.Join(", ", Methods)}).",
                $"Activity {activity.Label}: method '{method}' is not supported ({string.Join(", ", Methods)}).");
        }

        if (NotifyActivity.CheckTemplate(activity, "url", activity.String("url")) is { } url)
            yield return url;
        if (activity.Has("headers") && activity.Object("headers") is null)
        {
            yield return new ValidationProblem(activity.Id, "headers", "InvalidProperty",
                $"Aktivitas {activity.Label}: properti 'headers' harus objek nama → templat.", $"Activity {activity.Label}: property 'headers' must be an object of name → template.");
        }

        foreach (var (name, template) in activity.Object("headers") ?? [])
        {
            if (NotifyActivity.CheckTemplate(activity, $"headers.{name}", PropertyReader.AsString(template)) is { } header)
                yield return header;
        }

        if (CheckExpression(activity, "body", activity.String("body"), evaluator, required: false) is { } body)
            yield return body;
        if (activity.Boolean("wait", false) is null)
        {
            yield return new ValidationProblem(activity.Id, "wait", "InvalidProperty",
                $"Aktivitas {activity.Label}: properti 'wait' harus true atau false.", $"Activity {activity.Label}: property 'wait' must be true or false.");
        }
    }

    private static bool Waits(ActivityDefinition activity) => activity.Boolean("wait", false) == true;
}

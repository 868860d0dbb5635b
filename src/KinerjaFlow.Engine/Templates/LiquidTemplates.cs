using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Ast;
using Microsoft.Extensions.FileProviders;

namespace KinerjaFlow.Engine.Templates;

/// <summary>
/// Liquid templates (Fluid) for texts of Notify, Note and HttpRequest. Each source is parsed once and
/// cached. Templates see only JSON data turned into plain dictionaries, lists and scalars: no CLR
/// object is registered with the member-access strategy, no file provider is reachable from
/// <c>include</c>/<c>render</c>, and a render is limited in steps and recursion, so a template can
/// neither reach the server nor hold it.
/// </summary>
internal static class LiquidTemplates
{
    private const int MaxCachedTemplates = 10_000;
    private const int MaxSteps = 100_000;

    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Cache = new(StringComparer.Ordinal);

    private static readonly TemplateOptions Options = new()
    {
        FileProvider = new NullFileProvider(),
        CultureInfo = CultureInfo.InvariantCulture,
        TimeZone = TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB"),
        MaxRecursion = 20,
    };

    /// <summary>Parses <paramref name="source"/>; false with the parser's message when it is not a valid template.</summary>
    public static bool TryParse(string source, out string? error)
    {
        error = null;
        if (Cache.ContainsKey(source))
            return true;
        if (!Parser.TryParse(source, out var template, out error))
            return false;
        if (HasRange(template))
        {
            error = RangeRefused;
            return false;
        }

        Add(source, template);
        return true;
    }

    /// <summary>Renders <paramref name="source"/> against <paramref name="values"/>.</summary>
    /// <exception cref="InvalidOperationException">The template does not parse or fails while rendering (an incident).</exception>
    public static string Render(string source, IReadOnlyDictionary<string, JsonNode?> values, string where)
    {
        if (!Cache.TryGetValue(source, out var template))
        {
            if (!Parser.TryParse(source, out template, out var error) || (HasRange(template) && (error = RangeRefused) is not null))
            {
                throw new InvalidOperationException(
                    $"Templat {where} tidak valid: {error} / Template {where} is not valid: {error}");
            }

            Add(source, template);
        }

        var context = new TemplateContext(Options) { MaxSteps = MaxSteps };
        foreach (var (name, value) in values)
            context.SetValue(name, Plain(value));
        try
        {
            return template.Render(context);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ParseException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidOperationException(
                $"Templat {where} gagal dirender: {exception.Message} / Template {where} failed to render: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// A range <c>(1..n)</c> is materialised as a whole list before the step limit can stop the loop
    /// over it, so one template could allocate without end; data to loop over comes from the form
    /// and variables instead.
    /// </summary>
    private const string RangeRefused = "rentang (a..b) tidak diizinkan / ranges (a..b) are not allowed";

    private static bool HasRange(IFluidTemplate template)
    {
        var finder = new RangeFinder();
        finder.VisitTemplate(template);
        return finder.Found;
    }

    private sealed class RangeFinder : AstVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        {
            Found = true;
            return base.VisitRangeExpression(rangeExpression);
        }
    }

    private static void Add(string source, IFluidTemplate template)
    {
        if (Cache.Count >= MaxCachedTemplates)
            Cache.Clear();
        Cache.TryAdd(source, template);
    }

    /// <summary>JSON as the plain values Fluid renders natively, so no JsonNode member is ever reachable.</summary>
    internal static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : value.ToJsonString(),
            _ => null,
        },
        _ => null,
    };
}

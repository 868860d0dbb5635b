using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bunit;
using Xunit.Abstractions;

namespace KinerjaFlow.Web.Tests.Forms;

/// <summary>
/// Measures (prints, does not assert) how long a 60-field form with rules and computed fields takes
/// to render and to re-render after one keystroke, server side. The figures go into the note.
/// </summary>
public sealed class FormPerformanceTests(ITestOutputHelper output) : FormRendererContext
{
    /// <summary>60 fields in 6 sections: text, numbers, choices and dates, every tenth number computed, every fifth field behind a rule.</summary>
    public static string SixtyFieldForm()
    {
        var properties = new StringBuilder();
        var sections = new StringBuilder();
        for (var s = 0; s < 6; s++)
        {
            var controls = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var n = s * 10 + i;
                var name = $"f{n:00}";
                var schema = (n % 5) switch
                {
                    0 => $$"""{"type": "string", "title": "Teks {{n}}", "minLength": 2}""",
                    1 => $$"""{"type": "number", "title": "Angka {{n}}", "minimum": 0}""",
                    2 => $$"""{"type": "string", "title": "Pilihan {{n}}", "oneOf": [{"const": "A", "title": "Satu"}, {"const": "B", "title": "Dua"}]}""",
                    3 => $$"""{"type": "string", "format": "date", "title": "Tanggal {{n}}"}""",
                    _ => n % 10 == 9
                        ? $$"""{"type": "number", "readOnly": true, "title": "Jumlah {{n}}", "computed": "(data.f{{n - 8:00}} || 0) * 2 + (data.f01 || 0)"}"""
                        : $$"""{"type": "boolean", "title": "Centang {{n}}"}""",
                };
                properties.Append(CultureInfo.InvariantCulture, $"\"{name}\": {schema},");
                var rule = n % 5 == 4 && n % 10 != 9 ? $$""", "rule": {"effect": "SHOW", "when": "data.f00 !== 'sembunyi' && (data.f{{n - 3:00}} || 0) >= 0"}""" : string.Empty;
                controls.Add($$"""{"type": "Control", "id": "{{name}}", "scope": "#/properties/{{name}}"{{rule}}}""");
            }

            sections.Append(CultureInfo.InvariantCulture, $$"""{"type": "Section", "id": "s{{s}}", "columns": 2, "label": {"id": "Bagian {{s + 1}}"}, "elements": [{{string.Join(",", controls)}}]},""");
        }

        return $$"""
            {"key": "enam-puluh", "version": 1, "status": "published", "title": {"id": "Formulir 60 isian"},
             "schema": {"type": "object", "properties": {{{properties.ToString().TrimEnd(',')}}} },
             "uiSchema": {"type": "Form", "id": "root", "elements": [{{sections.ToString().TrimEnd(',')}}] } }
            """;
    }

    [Fact]
    public void A_sixty_field_form_renders_and_follows_a_keystroke()
    {
        var form = Form(SixtyFieldForm());
        Assert.Equal(60, form.Schema["properties"]!.AsObject().Count);

        // Warm-up: JIT, Radzen's first render, the script cache.
        RenderForm(form, Data()).Find("#kf-f-f01").Input("1");

        var data = Data();
        var watch = Stopwatch.StartNew();
        var page = RenderForm(form, data);
        var render = watch.Elapsed;

        watch.Restart();
        var input = page.Find("#kf-f-f01");
        var parse = watch.Elapsed;

        // The keystroke alone: event, rules and computed fields, re-render of the component tree.
        var renders = page.RenderCount;
        watch.Restart();
        input.Input("12");
        var keystroke = watch.Elapsed;
        Assert.True(page.RenderCount > renders);
        watch.Restart();
        for (var i = 0; i < 10; i++)
            input.Input((13 + i).ToString(CultureInfo.InvariantCulture));
        var tenKeystrokes = watch.Elapsed;
        watch.Restart();
        _ = page.Find("#kf-f-f09").TextContent;
        var reparse = watch.Elapsed;

        output.WriteLine($"60-field form (server side, bUnit): first render {render.TotalMilliseconds:0} ms (+ {parse.TotalMilliseconds:0} ms for bUnit to build its DOM); " +
                         $"first keystroke {keystroke.TotalMilliseconds:0} ms (includes the widgets' first after-render work); mean of 10 more {tenKeystrokes.TotalMilliseconds / 10:0.0} ms (+ {reparse.TotalMilliseconds:0} ms DOM rebuild); " +
                         $"{page.FindAll("input").Count} inputs");
        // The share of the Forms project's rules and computed fields in each keystroke.
        var logic = KinerjaFlow.Forms.Layout.FormLogic.For(form);
        watch.Restart();
        for (var i = 0; i < 10; i++)
            logic.Evaluate(data, Evaluator);
        var evaluation = watch.Elapsed / 10;
        output.WriteLine($"rules + computed fields alone: {evaluation.TotalMilliseconds:0.00} ms per keystroke; machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Assert.Equal(66m, data["f09"]!.GetValue<decimal>());
    }
}

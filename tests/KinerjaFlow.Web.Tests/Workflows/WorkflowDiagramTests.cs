using System.Diagnostics;
using System.Globalization;
using Bunit;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Components.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Web.Tests.Workflows;

/// <summary>The read-only diagram: boxes, arrows with port labels, bilingual type names, the instance's path.</summary>
public sealed class WorkflowDiagramTests : BunitContext
{
    public WorkflowDiagramTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
    }

    private static WorkflowDefinition Training() =>
        WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", "pelatihan", "usulan-pelatihan.json")));

    private static InstanceState Waiting(WorkflowDefinition definition, string at, params string[] entered)
    {
        var time = DateTimeOffset.UtcNow;
        return new InstanceState
        {
            DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Status = InstanceStatus.Suspended,
            Journal = [.. entered.Append(at).Select(a => new JournalEntry(time, a, JournalEvent.Entered))],
            Bookmarks = [new Bookmark { Id = "b1", ActivityId = at, TokenId = "t1", Kind = "UserTask" }],
        };
    }

    [Fact]
    public void The_shipped_training_request_draws_every_activity_at_its_position_and_every_connection_with_its_outcome()
    {
        var definition = Training();

        var diagram = Render<WorkflowDiagram>(p => p.Add(x => x.Definition, definition));

        Assert.Equal(definition.Activities.Count, diagram.FindAll("g.kf-node").Count);
        Assert.Equal(definition.Connections.Count, diagram.FindAll("path.kf-edge").Count);
        var atasan = diagram.Find("g.kf-node[data-activity=atasan]");
        Assert.Equal("translate(220 200)", atasan.GetAttribute("transform"));
        Assert.Contains("Tugas pengguna", atasan.TextContent, StringComparison.Ordinal);
        Assert.Contains("Persetujuan atasan langsung — Tugas pengguna (atasan)", atasan.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        var labels = diagram.FindAll("text.kf-edge-label").Select(t => t.TextContent).ToList();
        Assert.Contains("Setuju", labels);
        Assert.Contains("Kembalikan", labels);
        Assert.Contains("True", labels);
        Assert.Equal("img", diagram.Find("svg").GetAttribute("role"));
        Assert.Contains("Diagram alur Usulan Pelatihan", diagram.Find("svg > title").TextContent, StringComparison.Ordinal);
        Assert.Empty(diagram.FindAll(".kf-node--completed, .kf-node--current, .kf-node--faulted"));
        Assert.Empty(diagram.FindAll(".kf-diagram-legend"));
    }

    [Fact]
    public void An_instance_shows_its_completed_path_and_where_it_waits()
    {
        var definition = Training();

        var diagram = Render<WorkflowDiagram>(p => p.Add(x => x.Definition, definition).Add(x => x.State, Waiting(definition, "bkpsdm", "mulai", "atasan", "tentukanJalur")));

        Assert.Equal(["atasan", "mulai", "tentukanJalur"], diagram.FindAll("g.kf-node--completed").Select(n => n.GetAttribute("data-activity")!).Order(StringComparer.Ordinal));
        var current = Assert.Single(diagram.FindAll("g.kf-node--current"));
        Assert.Equal("bkpsdm", current.GetAttribute("data-activity"));
        Assert.EndsWith("Posisi saat ini", current.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(diagram.FindAll("path.kf-edge--completed"), e => e.GetAttribute("data-source") == "mulai" && e.GetAttribute("data-target") == "atasan");
        Assert.Contains(diagram.FindAll("path.kf-edge--completed"), e => e.GetAttribute("data-source") == "tentukanJalur" && e.GetAttribute("data-target") == "bkpsdm");
        Assert.DoesNotContain(diagram.FindAll("path.kf-edge--completed"), e => e.GetAttribute("data-target") == "revisi");
        Assert.NotNull(diagram.Find(".kf-diagram-legend"));
    }

    [Fact]
    public void A_faulted_instance_marks_the_activity_of_its_incident_in_english_too()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var definition = Training();
        var state = Waiting(definition, "cekSekda", "mulai", "atasan", "tentukanJalur", "bkpsdm");
        state.Bookmarks.Clear();
        state.Status = InstanceStatus.Faulted;
        state.Incident = new Incident("cekSekda", "ReferenceError: vars is not defined", DateTimeOffset.UtcNow);

        var diagram = Render<WorkflowDiagram>(p => p.Add(x => x.Definition, definition).Add(x => x.State, state));

        var faulted = Assert.Single(diagram.FindAll("g.kf-node--faulted"));
        Assert.Equal("cekSekda", faulted.GetAttribute("data-activity"));
        Assert.Contains("Decision", faulted.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("Faulted (incident)", faulted.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(diagram.FindAll("g.kf-node--current"));
    }

    [Fact]
    public void Activity_sets_given_as_parameters_highlight_without_an_instance()
    {
        var definition = Training();

        var diagram = Render<WorkflowDiagram>(p => p.Add(x => x.Definition, definition)
            .Add(x => x.Completed, new HashSet<string> { "mulai" }).Add(x => x.Current, new HashSet<string> { "atasan" }).Add(x => x.Id, "d2"));

        Assert.Equal("completed", diagram.Find("g[data-activity=mulai]").GetAttribute("data-state"));
        Assert.Equal("current", diagram.Find("g[data-activity=atasan]").GetAttribute("data-state"));
        Assert.Equal("url(#d2-arrow-done)", diagram.Find("path[data-source=mulai]").GetAttribute("marker-end"));
        Assert.Equal("d2-title", diagram.Find("svg").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void A_hundred_activities_without_positions_get_a_layered_layout_without_overlaps()
    {
        var definition = new WorkflowDefinition { DefinitionId = "besar", Name = "Alur besar", Activities = [new ActivityDefinition { Id = "a0", Type = "Start" }] };
        for (var i = 1; i < 100; i++)
        {
            definition.Activities.Add(new ActivityDefinition { Id = $"a{i}", Type = i == 99 ? "End" : i % 10 == 5 ? "Decision" : "UserTask", Name = $"Langkah {i}" });
            definition.Connections.Add(new Connection { Source = new Endpoint($"a{i - 1}", (i - 1) % 10 == 5 ? "True" : "Done"), Target = new Endpoint($"a{i}", "In") });
        }

        // A loop back (revision) and a branch that skips ahead.
        definition.Connections.Add(new Connection { Source = new Endpoint("a55", "False"), Target = new Endpoint("a40", "In") });
        definition.Connections.Add(new Connection { Source = new Endpoint("a15", "False"), Target = new Endpoint("a90", "In") });

        var watch = Stopwatch.StartNew();
        var layout = DiagramLayout.Create(definition);
        var diagram = Render<WorkflowDiagram>(p => p.Add(x => x.Definition, definition));
        watch.Stop();

        Assert.Equal(100, layout.Nodes.Count);
        Assert.Equal(101, layout.Edges.Count);
        Assert.Equal(100, layout.Nodes.Select(n => (n.X, n.Y)).Distinct().Count());
        // Along the chain every step lies to the right of the one before, the loop back included.
        for (var i = 1; i < 100; i++)
            Assert.True(layout.Nodes[i].X > layout.Nodes[i - 1].X, $"a{i} is not right of a{i - 1}");
        Assert.Equal(100, diagram.FindAll("g.kf-node").Count);
        Assert.StartsWith("-50 -30 ", layout.ViewBox, StringComparison.Ordinal);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Unplaced_activities_go_below_the_placed_ones_and_unknown_types_and_dangling_connections_do_not_break_the_drawing()
    {
        var definition = WorkflowJson.Deserialize("""
            {
              "definitionId": "campur", "version": 3, "name": "Campuran",
              "activities": [
                {"id": "mulai", "type": "Start", "position": {"x": 100, "y": 50}},
                {"id": "x", "type": "TidakAda", "name": "Aktivitas asing"},
                {"id": "akhir", "type": "End"}
              ],
              "connections": [
                {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "x", "port": "In"}},
                {"source": {"activity": "x", "port": "Done"}, "target": {"activity": "akhir", "port": "In"}},
                {"source": {"activity": "x", "port": "Done"}, "target": {"activity": "hilang", "port": "In"}}
              ]
            }
            """);

        var layout = DiagramLayout.Create(definition);
        var diagram = Render<WorkflowDiagram>(p => p.Add(x => x.Definition, definition));

        // The arrow back from the last box dips below the boxes instead of crossing them.
        var back = DiagramLayout.Create(WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", "pelatihan", "usulan-pelatihan.json"))))
            .Edges.First(e => e.X2 < e.X1);
        Assert.True(back.LabelAt.Y > Math.Max(back.Y1, back.Y2), back.Path);
        var x = layout.Nodes.Single(n => n.Id == "x");
        var end = layout.Nodes.Single(n => n.Id == "akhir");
        Assert.True(x.UnknownType);
        Assert.True(x.Y > 50 + DiagramLayout.NodeHeight && end.Y == x.Y && end.X > x.X);
        Assert.Equal(2, layout.Edges.Count);
        Assert.Contains("jenis tidak dikenal TidakAda", diagram.Find("g[data-activity=x] title").TextContent, StringComparison.Ordinal);
        Assert.Contains("kf-node--unknown", diagram.Find("g[data-activity=x]").ClassName, StringComparison.Ordinal);
    }
}

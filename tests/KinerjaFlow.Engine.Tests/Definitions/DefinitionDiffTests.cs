using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Definitions.Diff;

namespace KinerjaFlow.Engine.Tests.Definitions;

public class DefinitionDiffTests
{
    [Fact]
    public void A_version_compared_with_itself_has_no_difference()
    {
        var diff = DefinitionDiff.Compare(Fixture.Load("cuti-approval.json"), Fixture.Load("cuti-approval.json"));

        Assert.True(diff.IsEmpty);
        Assert.Empty(diff.ActivitiesMoved);
    }

    [Fact]
    public void Added_removed_and_changed_activities_are_named_with_old_and_new_property_values()
    {
        var from = Fixture.Load("parallel-review.json");
        var to = Fixture.Load("parallel-review.json");
        to.Version = 2;
        to.Activities.RemoveAll(a => a.Id == "penilai3");
        to.Connections.RemoveAll(c => c.Source.Activity == "penilai3" || c.Target.Activity == "penilai3");
        to.Activities.Add(new ActivityDefinition { Id = "catat", Type = "RunScript", Name = "Catat", Properties = new JsonObject { ["script"] = "vars.x = 1;" } });
        var join = to.Activities.Single(a => a.Id == "gabung");
        join.Properties["mode"] = "quorum";
        join.Properties["quorum"] = 2;
        join.Name = "Dua penilai cukup";

        var diff = DefinitionDiff.Compare(from, to);

        Assert.Equal((1, 2), (diff.FromVersion, diff.ToVersion));
        Assert.Equal(new ActivityReference("catat", "RunScript", "Catat"), Assert.Single(diff.ActivitiesAdded));
        Assert.Equal("penilai3", Assert.Single(diff.ActivitiesRemoved).Id);
        var changed = Assert.Single(diff.ActivitiesChanged);
        Assert.Equal(("gabung", "Semua penilai selesai", true, null), (changed.Id, changed.OldName, changed.NameChanged, changed.OldType));
        Assert.Collection(changed.Properties,
            mode => Assert.Equal(("mode", "waitAll", "quorum"), (mode.Property, mode.Old!.GetValue<string>(), mode.New!.GetValue<string>())),
            quorum => Assert.Equal(("quorum", true, 2), (quorum.Property, quorum.Old is null, quorum.New!.GetValue<int>())));
        Assert.Equal(2, diff.ConnectionsRemoved.Count);
        Assert.Contains(diff.ConnectionsRemoved, c => c.Source == new Endpoint("bagi", "Done") && c.Target == new Endpoint("penilai3", "In"));
        Assert.Empty(diff.ConnectionsAdded);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void A_move_on_the_canvas_is_reported_apart_and_changes_no_behaviour()
    {
        var from = Fixture.Load("simple-approval.json");
        var to = Fixture.Load("simple-approval.json");
        var moved = to.Activities[1];
        moved.Position = new DesignerPosition(500, 80);

        var diff = DefinitionDiff.Compare(from, to);

        Assert.True(diff.IsEmpty);
        var move = Assert.Single(diff.ActivitiesMoved);
        Assert.Equal((moved.Id, new DesignerPosition(500, 80)), (move.Id, move.To));
        Assert.Equal(from.Activities[1].Position, move.From);
    }

    [Fact]
    public void Rewired_connections_variables_and_definition_fields_are_reported()
    {
        var from = Fixture.Load("cuti-approval.json");
        var to = Fixture.Load("cuti-approval.json");
        to.Name = "Cuti tahunan (baru)";
        to.Description = null;
        to.StartFormKey = "cuti-v2";
        to.WhoMayStart = new StartRule { Kind = StartRuleKind.Everyone };
        var first = to.Variables[0];
        first.Default = 14;
        to.Variables.Add(new VariableDefinition { Name = "alasan", Type = "string" });
        var rewired = to.Connections[0];
        to.Connections[0] = new Connection { Source = rewired.Source, Target = new Endpoint("zzz", "In") };

        var diff = DefinitionDiff.Compare(from, to);

        Assert.Contains(diff.Fields, f => f.Field == "name" && f.Old!.GetValue<string>() == from.Name && f.New!.GetValue<string>() == "Cuti tahunan (baru)");
        Assert.Contains(diff.Fields, f => f.Field == "startFormKey" && f.New!.GetValue<string>() == "cuti-v2");
        Assert.Contains(diff.Fields, f => f.Field == "whoMayStart");
        Assert.Contains(diff.Fields, f => f.Field == "description" && f.New is null);
        var variable = Assert.Single(diff.VariablesChanged);
        Assert.Equal((first.Name, 12, 14), (variable.Name, variable.OldDefault!.GetValue<int>(), variable.NewDefault!.GetValue<int>()));
        Assert.Equal("alasan", Assert.Single(diff.VariablesAdded).Name);
        Assert.Empty(diff.VariablesRemoved);
        Assert.Equal(new Endpoint("zzz", "In"), Assert.Single(diff.ConnectionsAdded).Target);
        Assert.Equal(rewired.Target, Assert.Single(diff.ConnectionsRemoved).Target);
    }

    [Fact]
    public void A_connection_drawn_twice_and_then_once_is_one_removal()
    {
        var from = Fixture.Load("simple-approval.json");
        from.Connections.Add(from.Connections[0]);
        var to = Fixture.Load("simple-approval.json");

        var diff = DefinitionDiff.Compare(from, to);

        Assert.Single(diff.ConnectionsRemoved);
        Assert.Empty(diff.ConnectionsAdded);
    }
}

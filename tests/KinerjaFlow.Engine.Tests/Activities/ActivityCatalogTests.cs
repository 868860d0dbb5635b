using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Tests.Activities;

public class ActivityCatalogTests
{
    [Fact]
    public void The_catalog_lists_every_built_in_activity_in_both_languages()
    {
        var descriptors = ActivityCatalog.Default.Descriptors.ToList();
        Assert.Equal(
            [
                "Decision", "DecisionTable", "End", "ForEach", "Fork", "HttpRequest", "Join", "Note", "Notify", "RunScript",
                "SetVariables", "Start", "SubWorkflow", "Switch", "Timer", "UserTask", "WaitSignal",
            ],
            descriptors.Select(d => d.TypeName).Order(StringComparer.Ordinal));
        Assert.All(descriptors, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.DisplayName.Indonesian));
            Assert.False(string.IsNullOrWhiteSpace(d.DisplayName.English));
            Assert.All(d.Properties, p => Assert.False(string.IsNullOrWhiteSpace(p.DisplayName.Indonesian)));
        });
    }

    [Fact]
    public void Only_Start_has_no_in_port_and_only_End_has_no_out_port()
    {
        var descriptors = ActivityCatalog.Default.Descriptors.ToList();
        Assert.Equal("Start", Assert.Single(descriptors, d => d.InPorts.Count == 0).TypeName);
        Assert.Equal("End", Assert.Single(descriptors, d => d.OutPorts.Count == 0 && !d.DynamicOutPorts).TypeName);
    }

    [Fact]
    public void A_user_task_has_one_out_port_per_outcome_and_a_switch_one_per_case_plus_Default()
    {
        var review = Fixture.Load("cuti-approval.json").Activities.Single(a => a.Id == "atasan");
        Assert.Equal(["Setuju", "Tolak", "Kembalikan"], ActivityCatalog.Default.Find("UserTask")!.OutPorts(review));
        var kategori = Fixture.Load("conditional-branches.json").Activities.Single(a => a.Id == "kategori");
        Assert.Equal(["Besar", "Sedang", "Default"], ActivityCatalog.Default.Find("Switch")!.OutPorts(kategori));
    }

    [Fact]
    public void Two_types_with_one_name_are_refused() =>
        Assert.Throws<ArgumentException>(() => new ActivityCatalog([new EndActivity(), new EndActivity()]));

    [Fact]
    public void An_activity_label_prefers_the_name() =>
        Assert.Equal("Persetujuan (a1)", new ActivityDefinition { Id = "a1", Type = "UserTask", Name = "Persetujuan" }.Label);
}

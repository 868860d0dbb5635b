using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Computed;

namespace KinerjaFlow.Forms.Tests.Computed;

public class ComputedPlanTests
{
    [Fact]
    public void Computed_fields_are_evaluated_after_what_they_read_whatever_their_order_in_the_schema()
    {
        var plan = ComputedPlan.Create(TestForms.Skp().Schema, out var problems);

        Assert.Empty(problems);
        var order = plan.Fields.Select(f => f.Location).ToList();
        Assert.True(order.IndexOf("/indikator/*/capaian") < order.IndexOf("/nilaiAkhir"));
        Assert.True(order.IndexOf("/nilaiAkhir") < order.IndexOf("/predikat"));
    }

    [Fact]
    public void A_field_that_reads_itself_is_a_cycle()
    {
        var schema = JsonNode.Parse("""{"type": "object", "properties": {"n": {"type": "number", "computed": "(data.n ?? 0) + 1"}}}""")!.AsObject();

        ComputedPlan.Create(schema, out var problems);

        Assert.Equal("ComputedCycle", Assert.Single(problems).Code);
    }

    [Fact]
    public void A_row_field_may_read_the_array_it_belongs_to()
    {
        var schema = JsonNode.Parse("""
            {"type": "object", "properties": {"baris": {"type": "array", "items": {"type": "object", "properties": {
              "nilai": {"type": "number"},
              "porsi": {"type": "number", "computed": "row.nilai / data.baris.reduce((s, r) => s + r.nilai, 0)"}}}}}}
            """)!.AsObject();
        var plan = ComputedPlan.Create(schema, out var problems);
        var data = TestForms.Data("""{"baris": [{"nilai": 1, "porsi": 9}, {"nilai": 3}]}""");

        var errors = plan.Apply(data, TestForms.Evaluator);

        Assert.Empty(problems);
        Assert.Empty(errors);
        Assert.Equal(0.25, data["baris"]![0]!["porsi"]!.GetValue<double>());
        Assert.Equal(0.75, data["baris"]![1]!["porsi"]!.GetValue<double>());
    }

    [Fact]
    public void A_computed_result_of_null_removes_the_property()
    {
        var schema = JsonNode.Parse("""{"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number", "computed": "data.a === undefined ? null : data.a * 2"}}}""")!.AsObject();
        var plan = ComputedPlan.Create(schema, out _);
        var data = TestForms.Data("""{"b": 7}""");

        plan.Apply(data, TestForms.Evaluator);

        Assert.False(data.ContainsKey("b"));
    }
}

using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Tests.Execution;
using static KinerjaFlow.Engine.Tests.Activities.Flow;

namespace KinerjaFlow.Engine.Tests.Activities;

public class DecisionTableActivityTests
{
    private const string DiAtas = "Di Atas Ekspektasi";
    private const string Sesuai = "Sesuai Ekspektasi";
    private const string DiBawah = "Di Bawah Ekspektasi";

    /// <summary>The SKP rating matrix of DOMAIN.md (rows: rating hasil kerja; columns: rating perilaku kerja).</summary>
    public static TheoryData<string, string, string> Matrix => new()
    {
        { DiAtas, DiBawah, "Kurang/Misconduct" }, { DiAtas, Sesuai, "Baik" }, { DiAtas, DiAtas, "Sangat Baik" },
        { Sesuai, DiBawah, "Kurang/Misconduct" }, { Sesuai, Sesuai, "Baik" }, { Sesuai, DiAtas, "Baik" },
        { DiBawah, DiBawah, "Sangat Kurang" }, { DiBawah, Sesuai, "Butuh Perbaikan" }, { DiBawah, DiAtas, "Butuh Perbaikan" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_SKP_rating_matrix_gives_the_predicate_of_DOMAIN(string hasil, string perilaku, string predikat)
    {
        var state = Run.Interpreter.Start(Fixture.Load("predikat-skp.json"),
            new WorkflowInput { Form = new JsonObject { ["ratingHasil"] = hasil, ["ratingPerilaku"] = perilaku } }, new ManualClock());
        Assert.Equal("Ditetapkan", state.Outcome);
        Assert.Equal(predikat, Text(state.Variables["predikat"]!["predikat"]));
    }

    [Fact]
    public void A_value_no_row_matches_leaves_by_NoMatch()
    {
        var state = Run.Interpreter.Start(Fixture.Load("predikat-skp.json"),
            new WorkflowInput { Form = new JsonObject { ["ratingHasil"] = "Luar Biasa", ["ratingPerilaku"] = Sesuai } }, new ManualClock());
        Assert.Equal("Rating tidak dikenal", state.Outcome);
        Assert.Null(state.Variables["predikat"]);
    }

    /// <summary>The absence ladder of PP 94/2021 (days absent without reason in a year) as conditions over <c>value</c>.</summary>
    private static JsonObject AbsenceLadder(string policy = "First") => new()
    {
        ["inputs"] = new JsonArray(new JsonObject { ["name"] = "hari", ["expression"] = "form.hariTanpaKeterangan" }),
        ["outputs"] = new JsonArray("hukuman", "tingkat"),
        ["policy"] = policy,
        ["resultVariable"] = "sanksi",
        ["rows"] = new JsonArray(
            Row("3", "Teguran lisan", "Ringan"),
            Row("value >= 4 && value <= 6", "Teguran tertulis", "Ringan"),
            Row("value >= 7 && value <= 10", "Pernyataan tidak puas", "Ringan"),
            Row("value >= 11 && value <= 13", "Potongan TPP 25% selama 6 bulan", "Sedang"),
            Row("value >= 28", "Pemberhentian tidak dengan hormat atas permintaan sendiri", "Berat"),
            Row("value >= 11", "Tinjau Tim Pemeriksa", "Sedang")),
    };

    private static JsonObject Row(string cell, params string[] then) =>
        new() { ["when"] = new JsonArray(cell), ["then"] = new JsonArray([.. then.Select(t => (JsonNode?)t)]) };

    [Theory]
    [InlineData(3, "Teguran lisan")]
    [InlineData(5, "Teguran tertulis")]
    [InlineData(12, "Potongan TPP 25% selama 6 bulan")]
    [InlineData(30, "Pemberhentian tidak dengan hormat atas permintaan sendiri")]
    public void Cells_may_be_literals_or_conditions_over_value_and_the_first_match_wins(int days, string penalty)
    {
        var state = Run.Interpreter.Start(Around("DecisionTable", AbsenceLadder(), "NoMatch"),
            new WorkflowInput { Form = new JsonObject { ["hariTanpaKeterangan"] = days } }, new ManualClock());
        Assert.Equal("Selesai", state.Outcome);
        Assert.Equal(penalty, Text(state.Variables["sanksi"]!["hukuman"]));
    }

    [Fact]
    public void Collect_gives_every_matching_row_in_order()
    {
        var state = Run.Interpreter.Start(Around("DecisionTable", AbsenceLadder("Collect"), "NoMatch"),
            new WorkflowInput { Form = new JsonObject { ["hariTanpaKeterangan"] = 30 } }, new ManualClock());
        var all = state.Variables["sanksi"]!.AsArray();
        Assert.Equal(["Pemberhentian tidak dengan hormat atas permintaan sendiri", "Tinjau Tim Pemeriksa"], all.Select(r => Text(r!["hukuman"])));
    }

    [Fact]
    public void Nothing_matching_leaves_by_NoMatch_with_an_empty_collection()
    {
        var state = Run.Interpreter.Start(Around("DecisionTable", AbsenceLadder("Collect"), "NoMatch"),
            new WorkflowInput { Form = new JsonObject { ["hariTanpaKeterangan"] = 1 } }, new ManualClock());
        Assert.Equal("NoMatch", state.Outcome);
        Assert.Empty(state.Variables["sanksi"]!.AsArray());
    }

    [Fact]
    public void Numbers_compare_by_value_and_dash_matches_anything()
    {
        var table = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "a", ["expression"] = "form.a * 1.0" }, new JsonObject { ["name"] = "b", ["expression"] = "form.b" }),
            ["outputs"] = new JsonArray("persen"),
            ["resultVariable"] = "tpp",
            ["rows"] = new JsonArray(
                new JsonObject { ["when"] = new JsonArray("2", "-"), ["then"] = new JsonArray(80) },
                new JsonObject { ["when"] = new JsonArray("", "true"), ["then"] = new JsonArray(100) }),
        };
        var definition = Around("DecisionTable", table, "NoMatch");
        var two = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["a"] = 2.0, ["b"] = false } }, new ManualClock());
        Assert.Equal(80, two.Variables["tpp"]!["persen"]!.GetValue<int>());
        var other = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["a"] = 5, ["b"] = true } }, new ManualClock());
        Assert.Equal(100, other.Variables["tpp"]!["persen"]!.GetValue<int>());
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused()
    {
        var table = AbsenceLadder();
        table["rows"]!.AsArray().Add(new JsonObject { ["when"] = new JsonArray("1", "2"), ["then"] = new JsonArray("x", "y") });
        Refused(Around("DecisionTable", table, "NoMatch"), "RowLength", "rows[6].when");
        var outputs = AbsenceLadder();
        outputs["rows"]![0]!["then"] = new JsonArray("Teguran lisan");
        Refused(Around("DecisionTable", outputs, "NoMatch"), "RowLength", "rows[0].then");
    }

    [Fact]
    public void A_cell_that_does_not_compile_is_refused_with_its_place()
    {
        var table = AbsenceLadder();
        table["rows"]![1]!["when"] = new JsonArray("value >= ");
        var problem = Refused(Around("DecisionTable", table, "NoMatch"), "ExpressionDoesNotCompile", "rows[1].when[0]");
        Assert.Contains("rows[1].when[0]", problem.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_cell_without_quotes_is_refused_before_it_fails_at_run_time()
    {
        var table = AbsenceLadder();
        table["rows"]![0]!["when"] = new JsonArray("Di Atas Ekspektasi");
        var problem = Refused(Around("DecisionTable", table, "NoMatch"), "UnquotedText", "rows[0].when[0]");
        Assert.Contains("quotes", problem.English, StringComparison.Ordinal);
        table["rows"]![0]!["when"] = new JsonArray("Sesuai");
        Refused(Around("DecisionTable", table, "NoMatch"), "UnquotedText", "rows[0].when[0]");
        table["rows"]![0]!["when"] = new JsonArray("value");
        Assert.Empty(Problems(Around("DecisionTable", table, "NoMatch")));
    }

    [Fact]
    public void A_table_without_result_variable_or_inputs_or_with_an_unknown_policy_is_refused()
    {
        var table = AbsenceLadder();
        table.Remove("resultVariable");
        Refused(Around("DecisionTable", table, "NoMatch"), "MissingProperty", "resultVariable");
        var policy = AbsenceLadder("Any");
        Refused(Around("DecisionTable", policy, "NoMatch"), "InvalidPolicy", "policy");
        var noInputs = AbsenceLadder();
        noInputs["inputs"] = new JsonArray();
        Assert.Contains(Problems(Around("DecisionTable", noInputs, "NoMatch")), p => p.Code == "MissingProperty" && p.Property == "inputs");
    }

    [Fact]
    public void An_open_NoMatch_port_is_allowed_and_ends_that_branch()
    {
        var definition = Around("DecisionTable", AbsenceLadder());
        Assert.Empty(Problems(definition));
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["hariTanpaKeterangan"] = 0 } }, new ManualClock());
        Assert.Equal((InstanceStatus.Completed, null), (state.Status, state.Outcome));
    }
}

using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Tests.Execution;
using KinerjaFlow.Testing;

namespace KinerjaFlow.Engine.Tests;

public class ShippedWorkflowTests
{
    public static TheoryData<string> Files() => TestEnvironment.ShippedFiles("workflows");

    private static readonly JsonObject Pegawai = new() { ["nip"] = "198507142010011003", ["nama"] = "Siti Rahmawati", ["unit"] = "Dinas Kesehatan" };

    /// <summary>A start form for each shipped process, as its form would submit it; an empty form for the others.</summary>
    private static JsonObject SampleForm(string definitionId) => definitionId switch
    {
        "usulan-pelatihan" => new JsonObject
        {
            ["namaPelatihan"] = "Pelatihan Kepemimpinan Pengawas", ["jenis"] = "Pelatihan Klasikal", ["jumlahJp"] = 40, ["luarNegeri"] = false,
        },
        "umpan-balik-360" => new JsonObject
        {
            ["periode"] = "Semester I 2026",
            ["penilai"] = new JsonArray(
                new JsonObject { ["nip"] = "197303141997022002", ["nama"] = "Dewi Lestari", ["hubungan"] = "Rekan" },
                new JsonObject { ["nip"] = "199002022015032001", ["nama"] = "Rina Marlina", ["hubungan"] = "Bawahan" },
                new JsonObject { ["nip"] = "198001012005011001", ["nama"] = "Budi Santoso", ["hubungan"] = "Rekan" }),
        },
        _ => [],
    };

    private static WorkflowDefinition Load(string file) =>
        WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", file)));

    private static InstanceState Start(WorkflowDefinition definition) =>
        Run.Interpreter.Start(definition, new WorkflowInput { Form = SampleForm(definition.DefinitionId), Initiator = (JsonObject)Pegawai.DeepClone(), Actor = "198507142010011003" }, new ManualClock());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_workflow_loads_and_passes_the_publish_checks(string file)
    {
        if (file.Length == 0)
        {
            Assert.True(Directory.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "workflows")));
            return;
        }

        var definition = Load(file);
        var problems = new DefinitionValidator().Validate(definition);
        Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems.Select(p => p.English))}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_workflow_runs_to_its_first_task(string file)
    {
        if (file.Length == 0)
            return;
        var state = Start(Load(file));
        Assert.True(state.Status == InstanceStatus.Suspended, $"{file}: {state.Status} {state.Incident?.Message}");
        Assert.Contains(state.Bookmarks, b => b.Kind == BookmarkKinds.UserTask);
    }

    [Fact]
    public void A_training_request_returned_for_revision_goes_round_again_and_the_initiator_is_told_of_the_approval()
    {
        var definition = Load(Path.Combine("pelatihan", "usulan-pelatihan.json"));
        var state = Start(definition);
        Assert.Equal("Usulan pelatihan: Pelatihan Kepemimpinan Pengawas (40 JP)", state.Bookmarks[0].Payload["title"]!.GetValue<string>());
        Run.Complete(definition, state, "atasan", "Setuju", actor: "197303141997022002");
        Run.Complete(definition, state, "bkpsdm", "Kembalikan", "Lampirkan jadwal pelatihan");
        Assert.Equal("initiator", Assert.Single(state.Bookmarks).Payload["assignee"]!["kind"]!.GetValue<string>());
        Run.Complete(definition, state, "revisi", "Kirim Ulang", actor: "198507142010011003");
        Run.Complete(definition, state, "atasan", "Setuju");
        Run.Complete(definition, state, "bkpsdm", "Setuju");

        Assert.Equal("Disetujui", state.Outcome);
        Assert.Equal(1, state.Variables["putaranRevisi"]!.GetValue<int>());
        var notice = Assert.Single(state.Outbox);
        Assert.Equal((OutboxKinds.Notify, "initiator"), (notice.Kind, notice.Payload["to"]!["kind"]!.GetValue<string>()));
        Assert.Equal("Usulan pelatihan disetujui: Pelatihan Kepemimpinan Pengawas", notice.Payload["subject"]!.GetValue<string>());
        Assert.Contains(state.Journal, e => e.Event == JournalEvent.Note && e.Detail!.Contains("40 JP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_study_leave_request_also_needs_the_Sekda_and_a_rejection_tells_the_reason()
    {
        var definition = Load(Path.Combine("pelatihan", "usulan-pelatihan.json"));
        var form = SampleForm("usulan-pelatihan");
        form["jenis"] = "Tugas Belajar";
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = form, Initiator = (JsonObject)Pegawai.DeepClone() }, new ManualClock());
        Run.Complete(definition, state, "atasan", "Setuju");
        Run.Complete(definition, state, "bkpsdm", "Setuju");
        Assert.Equal(["sekda"], Run.Waiting(state));
        Run.Complete(definition, state, "sekda", "Tolak", "Formasi tugas belajar tahun ini sudah penuh");
        Assert.Equal("Ditolak", state.Outcome);
        Assert.Contains("Formasi tugas belajar tahun ini sudah penuh", Assert.Single(state.Outbox).Payload["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_360_feedback_opens_one_task_per_reviewer_and_ends_with_the_predicate_of_the_matrix()
    {
        var definition = Load(Path.Combine("skp", "umpan-balik-360.json"));
        var state = Start(definition);
        Assert.Equal(3, state.Bookmarks.Count);
        Assert.Equal(["197303141997022002", "199002022015032001", "198001012005011001"], state.Bookmarks.Select(b => b.Payload["assignee"]!["nip"]!.GetValue<string>()));
        Assert.Equal("Umpan balik 360° untuk Siti Rahmawati (Bawahan, periode Semester I 2026)", state.Bookmarks[1].Payload["title"]!.GetValue<string>());

        string[] answers = ["Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sesuai Ekspektasi"];
        for (var i = 2; i >= 0; i--)
        {
            var bookmark = state.Bookmarks.Single(b => b.Payload["index"]!.GetValue<int>() == i);
            state = Activities.Flow.RoundTrip(state);
            Run.Interpreter.Resume(definition, state, bookmark.Id, new JsonObject { ["outcome"] = answers[i] }, null, new ManualClock());
        }

        Assert.Equal(["pejabatPenilai"], Run.Waiting(state));
        Assert.Equal("Di Atas Ekspektasi", state.Variables["perilaku"]!["rating"]!.GetValue<string>());
        Run.Complete(definition, state, "pejabatPenilai", "Sesuai Ekspektasi");
        Assert.Equal("Ditetapkan", state.Outcome);
        Assert.Equal("Baik", state.Variables["predikat"]!["predikat"]!.GetValue<string>());
        Assert.Equal("Predikat kinerja periode Semester I 2026: Baik", Assert.Single(state.Outbox).Payload["subject"]!.GetValue<string>());
    }
}

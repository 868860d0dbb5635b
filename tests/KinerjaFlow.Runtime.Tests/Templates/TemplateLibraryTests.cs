using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Testing;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Runtime.Tests.Templates;

public sealed class TemplateLibraryTests
{
    private static TemplateLibrary Library(TemplateLibraryOptions? options = null) =>
        new(Options.Create(options ?? new TemplateLibraryOptions()), Path.Combine(TestEnvironment.RepositoryRoot, "src", "KinerjaFlow.Web"));

    private static List<string> FormFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot, "forms"), "*.form.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(f)[..^".form.json".Length]).Order(StringComparer.Ordinal)];

    private static List<string> WorkflowFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot, "workflows"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> ShippedForms() => [.. FormFiles()];

    public static TheoryData<string> ShippedWorkflows() => [.. WorkflowFiles()];

    [Fact]
    public void The_library_finds_the_repositorys_forms_and_workflows_from_the_web_projects_content_root()
    {
        var library = Library();

        Assert.Equal(Path.Combine(TestEnvironment.RepositoryRoot, "forms"), library.FormsFolder);
        Assert.Equal(Path.Combine(TestEnvironment.RepositoryRoot, "workflows"), library.WorkflowsFolder);
        Assert.Equal(FormFiles(), library.FormKeys());
        Assert.Equal(WorkflowFiles(), library.WorkflowKeys());
        Assert.Contains("usulan-pelatihan", library.WorkflowKeys());
    }

    [Theory]
    [MemberData(nameof(ShippedForms))]
    public void Every_shipped_form_loads_under_its_file_key_and_passes_the_publish_checks(string key)
    {
        var form = Library().FindForm(key);

        Assert.NotNull(form);
        Assert.Equal(key, form.Key);
        Assert.Empty(new FormDefinitionValidator(new KinerjaFlow.Expressions.ExpressionEvaluator()).Validate(form));
    }

    [Theory]
    [MemberData(nameof(ShippedWorkflows))]
    public void Every_shipped_workflow_loads_passes_the_engines_checks_and_names_only_shipped_forms(string key)
    {
        var library = Library();
        var workflow = library.FindWorkflow(key);

        Assert.NotNull(workflow);
        Assert.Empty(new DefinitionValidator().Validate(workflow));
        var forms = TemplateLibrary.ReferencedForms(workflow);
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.Contains(f, library.FormKeys()));
        Assert.Equal(workflow.StartFormKey, forms[0]);
    }

    [Fact]
    public void The_list_has_each_workflow_with_its_forms_and_each_form_with_its_bilingual_title()
    {
        var list = Library().List();

        var training = Assert.Single(list, t => t is { Kind: TemplateKind.Workflow, Key: "usulan-pelatihan" });
        Assert.StartsWith("Usulan Pelatihan", training.Name, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(training.Description));
        Assert.Contains("usulan-pelatihan", training.Forms);
        var form = Assert.Single(list, t => t is { Kind: TemplateKind.Form, Key: "usulan-pelatihan" });
        Assert.Equal(("Usulan Pengembangan Kompetensi", "Training and development request"), (form.Name, form.EnglishName));
        Assert.Equal(FormFiles().Count + WorkflowFiles().Count, list.Count);
    }

    [Theory]
    [InlineData("tidak-ada")]
    [InlineData("../appsettings")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    public void An_unknown_or_path_like_key_finds_nothing(string key)
    {
        Assert.Null(Library().FindForm(key));
        Assert.Null(Library().FindWorkflow(key));
    }

    [Fact]
    public void A_configured_folder_wins_and_a_broken_file_is_reported_in_both_languages()
    {
        var folder = Directory.CreateTempSubdirectory("kf-templates-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "wf", "proses"));
            File.WriteAllText(Path.Combine(folder.FullName, "wf", "proses", "rusak.json"), "{ bukan json");
            File.WriteAllText(Path.Combine(folder.FullName, "lain.form.json"), File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "forms", "skp-evaluasi.form.json")));
            var library = Library(new TemplateLibraryOptions { FormsPath = folder.FullName, WorkflowsPath = Path.Combine(folder.FullName, "wf") });

            Assert.Equal(["rusak"], library.WorkflowKeys());
            var broken = Assert.Throws<InvalidOperationException>(() => library.FindWorkflow("rusak"));
            Assert.Contains("tidak dapat dibaca", broken.Message, StringComparison.Ordinal);
            Assert.Contains("cannot be read", broken.Message, StringComparison.Ordinal);
            // The file name is the key workflows use; a file holding another key is refused.
            var mismatch = Assert.Throws<InvalidOperationException>(() => library.FindForm("lain"));
            Assert.Contains("skp-evaluasi", mismatch.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

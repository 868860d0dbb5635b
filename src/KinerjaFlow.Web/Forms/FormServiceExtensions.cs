using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KinerjaFlow.Web.Forms;

/// <summary>Registers what the form renderer and the preview page use.</summary>
internal static class FormServiceExtensions
{
    public static IServiceCollection AddFormRendering(this IServiceCollection services)
    {
        // The evaluator, the SubmissionValidator and the TemplateLibrary (shipped forms) come from AddKinerjaFlowRuntime.
        services.AddOptions<FormFileStoreOptions>().BindConfiguration(FormFileStoreOptions.Section);
        services.TryAddSingleton<IFormFileStore, FileSystemFormFileStore>();
        services.TryAddScoped<IFormDataSource, DirectoryFormDataSource>();
        return services;
    }
}

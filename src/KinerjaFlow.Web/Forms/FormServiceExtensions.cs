using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KinerjaFlow.Web.Forms;

/// <summary>Registers what the form renderer and the preview page use.</summary>
internal static class FormServiceExtensions
{
    public static IServiceCollection AddFormRendering(this IServiceCollection services)
    {
        // The evaluator and the SubmissionValidator come from AddKinerjaFlowForms (through AddKinerjaFlowRuntime).
        services.AddOptions<ShippedFormsOptions>().BindConfiguration(ShippedFormsOptions.Section);
        services.AddOptions<FormFileStoreOptions>().BindConfiguration(FormFileStoreOptions.Section);
        services.TryAddSingleton<ShippedForms>();
        services.TryAddSingleton<IFormFileStore, FileSystemFormFileStore>();
        services.TryAddScoped<IFormDataSource, DirectoryFormDataSource>();
        return services;
    }
}

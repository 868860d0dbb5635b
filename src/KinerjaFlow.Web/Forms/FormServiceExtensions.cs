using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KinerjaFlow.Web.Forms;

/// <summary>Registers what the form renderer and the preview page use.</summary>
internal static class FormServiceExtensions
{
    public static IServiceCollection AddFormRendering(this IServiceCollection services)
    {
        // One evaluator and one validator per process: both cache per script and per form version.
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton(sp => new SubmissionValidator(sp.GetRequiredService<ExpressionEvaluator>(), sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<ShippedFormsOptions>().BindConfiguration(ShippedFormsOptions.Section);
        services.AddOptions<FormFileStoreOptions>().BindConfiguration(FormFileStoreOptions.Section);
        services.TryAddSingleton<ShippedForms>();
        services.TryAddSingleton<IFormFileStore, FileSystemFormFileStore>();
        // Data sources: every IFormDataSource registered (the indicator catalogue adds its own) behind one.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFormDataSource, OrgFormDataSource>());
        services.TryAddScoped<FormDataSources>();
        return services;
    }
}

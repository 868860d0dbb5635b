using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaFlow.Runtime.Persistence;

internal static class JsonDocumentColumn
{
    /// <summary>The annotation a provider reads to store the string as its JSON type (jsonb on PostgreSQL).</summary>
    public const string Annotation = "KinerjaFlow:JsonDocument";

    /// <summary>Marks a string property as a JSON document; the column type is chosen per provider.</summary>
    public static PropertyBuilder<TString> IsJsonDocument<TString>(this PropertyBuilder<TString> property) =>
        property.HasAnnotation(Annotation, true);
}

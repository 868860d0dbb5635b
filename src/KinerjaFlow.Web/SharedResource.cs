namespace KinerjaFlow.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource.resx (Bahasa Indonesia, the
/// default) and SharedResource.en.resx (English).</summary>
public sealed class SharedResource;

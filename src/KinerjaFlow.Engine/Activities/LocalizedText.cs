namespace KinerjaFlow.Engine.Activities;

/// <summary>A label in Bahasa Indonesia and English, for the designer.</summary>
/// <param name="Indonesian">The label in Bahasa Indonesia.</param>
/// <param name="English">The label in English.</param>
public sealed record LocalizedText(string Indonesian, string English);

namespace KinerjaFlow.Runtime.Hosting;

/// <summary><c>KinerjaFlow:Seed</c>: whether the demo pemda are created on first start.</summary>
public sealed class SeedOptions
{
    public const string Section = "KinerjaFlow:Seed";

    public bool Demo { get; set; }
}

namespace KinerjaFlow.Engine.Activities;

/// <summary>Where every instance begins; a definition has exactly one.</summary>
public sealed class StartActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Start";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Mulai", "Start"), ActivityCategory.Flow, ActivityPorts.None, ActivityPorts.DoneOnly, []);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}

namespace KinerjaFlow.Engine.Activities;

/// <summary>Splits the flow: every connection leaving its <c>Done</c> port gets its own token, and the branches run in parallel.</summary>
public sealed class ForkActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Fork";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Percabangan paralel", "Fork"), ActivityCategory.Flow, ActivityPorts.InOnly, ActivityPorts.DoneOnly, []);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}

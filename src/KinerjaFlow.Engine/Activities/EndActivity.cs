namespace KinerjaFlow.Engine.Activities;

/// <summary>Completes the instance with a final outcome (Disetujui, Ditolak, ...); branches still open are cancelled.</summary>
public sealed class EndActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "End";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Selesai", "End"), ActivityCategory.Flow, ActivityPorts.InOnly, ActivityPorts.None,
        [new PropertyDescriptor("outcome", new LocalizedText("Hasil akhir", "Final outcome"), PropertyEditor.Text)]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Complete(context.Activity.String("outcome"));
}

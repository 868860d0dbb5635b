namespace KinerjaFlow.Forms.Definitions;

/// <summary>Where a form definition version is in its life.</summary>
public enum FormStatus
{
    /// <summary>Being edited; its schema may still change under the same version.</summary>
    Draft,

    /// <summary>Used for new submissions; immutable.</summary>
    Published,

    /// <summary>No longer offered; submissions already made with it are still shown with it.</summary>
    Retired,
}

namespace KinerjaFlow.Engine.Definitions;

/// <summary>Where a definition version is in its life.</summary>
public enum DefinitionStatus
{
    /// <summary>Being edited; cannot start instances.</summary>
    Draft,

    /// <summary>The one version of its definition that new instances start on; immutable.</summary>
    Published,

    /// <summary>No longer starts instances; the instances already on it finish on it.</summary>
    Retired,
}

namespace KinerjaFlow.Engine.Definitions;

/// <summary>Who may start an instance from the catalogue; the Runtime enforces it.</summary>
public sealed class StartRule
{
    /// <summary>Which group of people <see cref="Values"/> names.</summary>
    public StartRuleKind Kind { get; set; } = StartRuleKind.Everyone;

    /// <summary>Role names or unit codes, for <see cref="StartRuleKind.Roles"/> and <see cref="StartRuleKind.Units"/>.</summary>
    public List<string> Values { get; set; } = [];
}

/// <summary>The groups that <see cref="StartRule"/> can name.</summary>
public enum StartRuleKind
{
    /// <summary>Every employee of the pemda.</summary>
    Everyone,

    /// <summary>Holders of one of the named roles.</summary>
    Roles,

    /// <summary>Employees of one of the named units (OPD, bidang).</summary>
    Units,

    /// <summary>Only the system (a timer, an appraisal cycle opening, another workflow).</summary>
    System,
}

using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Layout;

namespace KinerjaFlow.Forms.Definitions;

/// <summary>
/// One version of a form: a JSON Schema (draft 2020-12) for the data and a UI schema for the layout.
/// A submission records the <see cref="Key"/> and <see cref="Version"/> it was made with and is always
/// shown with that version. Stored and shipped as JSON through <see cref="FormJson"/>.
/// </summary>
/// <remarks>
/// Computed read-only fields are declared in the data schema, as a <c>"computed": "&lt;JS&gt;"</c>
/// annotation on the property, so that the rule for a value lives beside its type and bounds and
/// applies whichever layout shows it. Inside an array's <c>items</c> the expression sees the
/// current item as <c>row</c> (and its position as <c>index</c>); everywhere it sees the whole form
/// as <c>data</c> (alias <c>form</c>).
/// </remarks>
public sealed class FormDefinition
{
    /// <summary>Stable across versions (e.g. <c>skp-evaluasi</c>).</summary>
    public required string Key { get; set; }

    /// <summary>1, 2, 3, ... within <see cref="Key"/>.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Draft, published or retired.</summary>
    public FormStatus Status { get; set; } = FormStatus.Draft;

    /// <summary>The name shown in lists and above the form.</summary>
    public required LocalizedText Title { get; set; }

    /// <summary>The JSON Schema (draft 2020-12) of the data; its root is an object schema.</summary>
    public required JsonObject Schema { get; set; }

    /// <summary>The layout: a <see cref="UiForm"/> or <see cref="UiWizard"/> root.</summary>
    public required UiElement UiSchema { get; set; }
}

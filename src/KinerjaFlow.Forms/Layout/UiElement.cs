using System.Text.Json.Serialization;
using KinerjaFlow.Forms.Definitions;

namespace KinerjaFlow.Forms.Layout;

/// <summary>
/// An element of the UI schema, close to JSON Forms so that its documentation applies. Its JSON
/// <c>type</c> says which: <c>Form</c>, <c>Wizard</c>, <c>Step</c>, <c>Section</c>, <c>Row</c>,
/// <c>Control</c>, <c>Repeater</c> or <c>Text</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(UiForm), "Form")]
[JsonDerivedType(typeof(UiWizard), "Wizard")]
[JsonDerivedType(typeof(UiStep), "Step")]
[JsonDerivedType(typeof(UiSection), "Section")]
[JsonDerivedType(typeof(UiRow), "Row")]
[JsonDerivedType(typeof(UiControl), "Control")]
[JsonDerivedType(typeof(UiRepeater), "Repeater")]
[JsonDerivedType(typeof(UiText), "Text")]
public abstract class UiElement
{
    /// <summary>Stable across versions; unique in the form. Rules, editable sections and errors refer to it.</summary>
    public required string Id { get; set; }

    /// <summary>The caption; a control without one shows its schema <c>title</c>.</summary>
    public LocalizedText? Label { get; set; }

    /// <summary>Help shown under the element.</summary>
    public LocalizedText? Help { get; set; }

    /// <summary>Shows, hides, enables or disables the element depending on the data.</summary>
    public UiRule? Rule { get; set; }

    /// <summary>The elements inside this one, in display order (none for a control or text).</summary>
    [JsonIgnore]
    public virtual IReadOnlyList<UiElement> Children => [];

    /// <summary>This element and every element inside it, depth first.</summary>
    public IEnumerable<UiElement> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var element in child.DescendantsAndSelf())
                yield return element;
        }
    }
}

/// <summary>An element that holds other elements.</summary>
public abstract class UiContainer : UiElement
{
    /// <summary>The elements inside, in display order.</summary>
    public List<UiElement> Elements { get; set; } = [];

    /// <inheritdoc/>
    [JsonIgnore]
    public override IReadOnlyList<UiElement> Children => Elements;
}

/// <summary>The root of a one-page form.</summary>
public sealed class UiForm : UiContainer;

/// <summary>The root of a form filled in steps; its elements are <see cref="UiStep"/>s.</summary>
public sealed class UiWizard : UiContainer;

/// <summary>One step of a <see cref="UiWizard"/>.</summary>
public sealed class UiStep : UiContainer;

/// <summary>A titled group of fields laid out in columns; the unit of editability per workflow step.</summary>
public sealed class UiSection : UiContainer
{
    /// <summary>Columns of the grid, 1 to 4.</summary>
    public int Columns { get; set; } = 1;

    /// <summary>Whether the user may fold the section away.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Collapsible { get; set; }
}

/// <summary>Elements side by side.</summary>
public sealed class UiRow : UiContainer;

/// <summary>One field bound to a schema property.</summary>
public sealed class UiControl : UiElement
{
    /// <summary>
    /// A JSON pointer into the schema, e.g. <c>#/properties/nama</c>; inside a <see cref="UiRepeater"/>
    /// it is relative to the item schema, as in JSON Forms.
    /// </summary>
    public required string Scope { get; set; }

    /// <summary>Overrides the widget chosen from the schema type (e.g. <c>textarea</c>, <c>radio</c>, <c>switch</c>).</summary>
    public string? Widget { get; set; }

    /// <summary>Widget options, passed to the renderer as written.</summary>
    public System.Text.Json.Nodes.JsonObject? Options { get; set; }

    /// <summary>How many columns of the enclosing section the field spans, 1 to 4.</summary>
    public int? ColSpan { get; set; }
}

/// <summary>An array of objects, edited as a grid or as cards; its elements are the columns of one item.</summary>
public sealed class UiRepeater : UiContainer
{
    /// <summary>A JSON pointer to an array property whose <c>items</c> is an object schema.</summary>
    public required string Scope { get; set; }

    /// <summary>Grid (inline edit) or cards.</summary>
    public RepeaterDisplay Display { get; set; } = RepeaterDisplay.Grid;
}

/// <summary>Static help text.</summary>
public sealed class UiText : UiElement
{
    /// <summary>The text shown, kept as plain text.</summary>
    public required LocalizedText Text { get; set; }
}

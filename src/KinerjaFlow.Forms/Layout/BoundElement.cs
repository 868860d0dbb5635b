using KinerjaFlow.Forms.Schema;
using KinerjaFlow.Forms.Scripting;

namespace KinerjaFlow.Forms.Layout;

/// <summary>
/// A UI element with its scope turned into a data pointer (relative to the current array item
/// inside a repeater) and its rule parsed, prepared once per form version.
/// </summary>
internal sealed class BoundElement
{
    private BoundElement(UiElement element, string? dataPointer, IReadOnlyList<BoundElement> children)
    {
        Element = element;
        DataPointer = dataPointer;
        Children = children;
        Rule = element.Rule is { When: { } when } ? new FormScript(when) : null;
    }

    public UiElement Element { get; }

    /// <summary>The data the element edits, e.g. <c>/nama</c>; <see langword="null"/> for layout-only elements or a scope that points nowhere.</summary>
    public string? DataPointer { get; }

    public bool IsRepeater => Element is UiRepeater;

    public IReadOnlyList<BoundElement> Children { get; }

    public FormScript? Rule { get; }

    public static BoundElement Bind(UiElement element)
    {
        var scope = element switch
        {
            UiControl control => control.Scope,
            UiRepeater repeater => repeater.Scope,
            _ => null,
        };
        var path = JsonPointers.ScopeToDataPath(scope);
        return new BoundElement(element, path is null ? null : JsonPointers.Join(path), [.. element.Children.Select(Bind)]);
    }

    /// <summary>This element and every element inside it, depth first, with whether it lies inside a repeater.</summary>
    public IEnumerable<(BoundElement Element, bool InRepeater, IReadOnlyList<string> AncestorIds)> Walk()
    {
        return Visit(this, false, []);

        static IEnumerable<(BoundElement, bool, IReadOnlyList<string>)> Visit(BoundElement element, bool inRepeater, IReadOnlyList<string> ancestors)
        {
            IReadOnlyList<string> self = [.. ancestors, element.Element.Id];
            yield return (element, inRepeater, self);
            foreach (var child in element.Children)
            {
                foreach (var item in Visit(child, inRepeater || element.IsRepeater, self))
                    yield return item;
            }
        }
    }
}

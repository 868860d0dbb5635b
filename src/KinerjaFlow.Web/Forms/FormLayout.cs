using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Web.Forms;

/// <summary>Where the fields of a layout put their data.</summary>
public static class FormLayout
{
    /// <summary>The data pointers of the controls and repeaters in <paramref name="element"/> (not of the columns inside repeaters).</summary>
    public static IEnumerable<string> DataPointers(UiElement element)
    {
        switch (element)
        {
            case UiControl control when JsonPointers.ScopeToDataPath(control.Scope) is { } path:
                yield return JsonPointers.Join(path);
                yield break;
            case UiRepeater repeater when JsonPointers.ScopeToDataPath(repeater.Scope) is { } path:
                yield return JsonPointers.Join(path);
                yield break;
        }

        foreach (var child in element.Children)
        {
            foreach (var location in DataPointers(child))
                yield return location;
        }
    }

    /// <summary>The controls of a repeater item, in order, also inside rows or sections of a card.</summary>
    public static IEnumerable<UiControl> Controls(UiElement element) =>
        element.Children.SelectMany(c => c is UiControl control ? [control] : c is UiRepeater ? [] : Controls(c));

    /// <summary>Every location that has a visible place for its errors: shown controls, repeaters and their cells.</summary>
    public static IReadOnlySet<string> ShownPointers(FormState state)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        Visit(state.Form.UiSchema, string.Empty);
        return shown;

        void Visit(UiElement element, string basePointer)
        {
            var path = element switch
            {
                UiControl c => JsonPointers.ScopeToDataPath(c.Scope),
                UiRepeater r => JsonPointers.ScopeToDataPath(r.Scope),
                _ => null,
            };
            var location = path is null ? null : basePointer + JsonPointers.Join(path);
            if (state.IsHidden(element, location))
                return;
            if (location is not null)
                shown.Add(location);
            if (element is UiRepeater && location is not null)
            {
                var count = JsonPointers.Find(state.Data, location) is JsonArray items ? items.Count : 0;
                for (var i = 0; i < count; i++)
                {
                    foreach (var child in element.Children)
                        Visit(child, JsonPointers.Append(location, i));
                }

                return;
            }

            foreach (var child in element.Children)
                Visit(child, basePointer);
        }
    }
}

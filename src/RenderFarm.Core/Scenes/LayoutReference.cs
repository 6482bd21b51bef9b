namespace RenderFarm.Core.Scenes;

/// <summary>Resolves a layout name written in an output or timeline step, suggesting the closest name on a typo.</summary>
internal static class LayoutReference
{
    public static LayoutSpec Resolve(SceneMap map, string key, IReadOnlyList<LayoutSpec> layouts)
    {
        string name = map.String(key) ?? throw map.ErrorAt(key, "required: the name of a layout under layouts:");
        LayoutSpec? found = layouts.FirstOrDefault(l => l.Name == name);
        if (found is not null)
        {
            return found;
        }

        if (layouts.Count == 0)
        {
            throw map.ErrorAt(key, $"'{name}' is not a layout of this scene: it has no layouts: section");
        }

        string? guess = KeySuggestion.Closest(name, layouts.Select(l => l.Name));
        string hint = guess is null ? "" : $"; did you mean '{guess}'?";
        throw map.ErrorAt(key, $"'{name}' is not a layout of this scene{hint} (layouts: {string.Join(", ", layouts.Select(l => l.Name))})");
    }
}

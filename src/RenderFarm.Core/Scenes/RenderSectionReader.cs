using RenderFarm.Core.Colors;

namespace RenderFarm.Core.Scenes;

/// <summary>Reads and checks the optional <c>render:</c> section.</summary>
internal static class RenderSectionReader
{
    public static RenderSpec Read(SceneMap? map)
    {
        if (map is null)
        {
            return new RenderSpec();
        }

        map.RejectUnknownKeys(SceneKeys.Render);
        var defaults = new RenderSpec();
        string device = map.String("device") ?? defaults.Device;
        if (string.IsNullOrWhiteSpace(device))
        {
            throw map.ErrorAt("device", "expected auto or part of a device name (e.g. llvmpipe, NVIDIA)");
        }

        int msaa = map.Int("msaa", 1, 4) ?? defaults.Msaa;
        if (msaa is not (1 or 4))
        {
            throw map.ErrorAt("msaa", $"must be 1 (off) or 4 samples per pixel, got {msaa}");
        }

        return defaults with
        {
            Device = device.Trim(),
            CellSize = map.Int("cell_size", 16, 256),
            Background = Color(map, "background") ?? defaults.Background,
            Msaa = msaa,
            Locations = SceneValues.Locations(map, "render", map.Location),
        };
    }

    /// <summary>"#RRGGBB" or "#RRGGBBAA"; the error reminds that YAML reads an unquoted # as a comment.</summary>
    public static Rgba8? Color(SceneMap map, string key)
    {
        string? text = map.String(key);
        if (text is null)
        {
            return null;
        }

        return Rgba8.TryParseHex(text, out Rgba8 color)
            ? color
            : throw map.ErrorAt(key, $"expected a colour \"#RRGGBB\" or \"#RRGGBBAA\" (in quotes: YAML reads # as a comment), got '{text}'");
    }
}

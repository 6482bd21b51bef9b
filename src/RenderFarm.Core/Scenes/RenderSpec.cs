using RenderFarm.Core.Colors;

namespace RenderFarm.Core.Scenes;

/// <summary>
/// The <c>render:</c> section: settings shared by every output of the scene (one device, one
/// texture atlas, one background), so the atlas is built once per run.
/// </summary>
public sealed record RenderSpec
{
    /// <summary>The dark default suits MNIST-style thumbnails, whose black background becomes transparent.</summary>
    public static readonly Rgba8 DefaultBackground = new(0x11, 0x11, 0x11);

    /// <summary>"auto" (discrete GPU, then integrated, then lavapipe), or a substring of the device name; RENDERFARM_DEVICE overrides.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Atlas cell side in pixels (16–256); null: 32 for IDX datasets (28-px images), 64 otherwise.</summary>
    public int? CellSize { get; init; }

    public Rgba8 Background { get; init; } = DefaultBackground;

    /// <summary>Samples per pixel: 1 or 4.</summary>
    public int Msaa { get; init; } = 4;

    /// <summary>Where each key was written (for errors found once the device or data is known).</summary>
    public IReadOnlyDictionary<string, SceneLocation> Locations { get; init; } = new Dictionary<string, SceneLocation>();

    /// <summary><see cref="CellSize"/> or the default for <paramref name="dataset"/>.</summary>
    public int CellSizeFor(DatasetSpec dataset) => CellSize ?? (dataset.Kind == DatasetKind.Idx ? 32 : 64);

    public SceneLocation LocationOf(string key) =>
        Locations.TryGetValue(key, out SceneLocation? location) ? location : SceneLocation.None;
}

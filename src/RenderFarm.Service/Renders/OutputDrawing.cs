using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.Scenes;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Frames;
using SceneSpriteMode = RenderFarm.Core.Scenes.SpriteMode;
using FrameSpriteMode = RenderFarm.Rendering.Frames.SpriteMode;

namespace RenderFarm.Service.Renders;

/// <summary>
/// How one output draws its items, fixed for the whole output: style, size, colours, atlas cells.
/// <see cref="Layer"/> then wraps each frame's positions without copying them.
/// </summary>
internal sealed class OutputDrawing
{
    private readonly OutputSpec _output;
    private readonly ThumbnailAtlas? _atlas;
    private readonly int[] _cells;

    public OutputDrawing(OutputSpec output, int itemCount, Rgba8[] colors, ThumbnailAtlas? atlas)
    {
        _output = output;
        _atlas = atlas;
        Colors = colors;
        _cells = Enumerable.Range(0, itemCount).ToArray();
        ItemSize = (float)(output.ItemSize ?? output.AutoItemSizePixels(itemCount));
        Highlights = output.Highlight == HighlightMode.New && colors.Contains(ItemColors.Accent);
        if (NeedsAtlas(output) && atlas is null)
        {
            throw new ArgumentException($"output '{output.Name}' draws thumbnails and needs an atlas", nameof(atlas));
        }
    }

    /// <summary>Per-item colours (class or cluster), for points, borders and the legend.</summary>
    public Rgba8[] Colors { get; }

    /// <summary>Sprite side or point diameter in the output's units.</summary>
    public float ItemSize { get; }

    /// <summary>
    /// Whether new items are singled out: asked for, and some item wears the accent (none does when
    /// nothing is new). Their colours then carry the highlight for every style (see ItemColors.For).
    /// </summary>
    private bool Highlights { get; }

    public static bool NeedsAtlas(OutputSpec output) => output.Style is OutputStyle.Sprites or OutputStyle.GridMosaic;

    public FrameLayer Layer(ReadOnlyMemory<float> positions, int dims)
    {
        SizeUnit unit = _output.SizeUnits == SizeUnits.World ? SizeUnit.World : SizeUnit.Pixels;
        switch (_output.Style)
        {
            case OutputStyle.GridMosaic:
                // One grid cell is one layout unit: opaque tiles of exactly that size meet edge to edge.
                // Highlighted new tiles get a border wide enough to see (see ItemColors.For).
                return new SpriteLayer
                {
                    Atlas = _atlas!, Cells = _cells, Positions = positions, Dimensions = dims,
                    Size = 1, SizeUnit = SizeUnit.World, Mode = FrameSpriteMode.Opaque,
                    BorderPixels = _output.Border ? 1 : Highlights ? 2 : 0, Colors = _output.Border || Highlights ? Colors : ReadOnlyMemory<Rgba8>.Empty,
                };
            case OutputStyle.Sprites:
                bool opaque = _output.SpriteMode == SceneSpriteMode.Opaque;
                return new SpriteLayer
                {
                    Atlas = _atlas!, Cells = _cells, Positions = positions, Dimensions = dims,
                    Size = ItemSize, SizeUnit = unit, Mode = opaque ? FrameSpriteMode.Opaque : FrameSpriteMode.Threshold,
                    BorderPixels = opaque && (_output.Border || Highlights) ? Math.Max(Highlights ? 2 : 1, ItemSize / 12) : 0,
                    // Threshold sprites stay untinted: the palette's dark colours would vanish on a
                    // dark background. Highlighting tints them: the accent for new items, faded white for the rest.
                    Colors = (opaque && _output.Border) || Highlights ? Colors : ReadOnlyMemory<Rgba8>.Empty,
                };
            default:
                return new PointLayer
                {
                    Positions = positions, Dimensions = dims, Colors = Colors, Size = ItemSize, SizeUnit = unit,
                    Shading = dims == 3 ? PointShading.Sphere : PointShading.Disc,
                    Surface = _output.Surface && dims == 3 ? new TerrainSurface() : null,
                };
        }
    }

    /// <summary>
    /// The view of a grid mosaic: the grid's cells (centres ± half a cell) fill the image along its
    /// tighter side and are centred along the other, so tiles meet the edges with no margin.
    /// </summary>
    public static OrthographicCamera GridCamera(ReadOnlySpan<float> positions, int width, int height)
    {
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (int i = 0; i + 1 < positions.Length; i += 2)
        {
            (minX, maxX) = (Math.Min(minX, positions[i]), Math.Max(maxX, positions[i]));
            (minY, maxY) = (Math.Min(minY, positions[i + 1]), Math.Max(maxY, positions[i + 1]));
        }

        double gridWidth = maxX - minX + 1, gridHeight = maxY - minY + 1;
        double worldHeight = Math.Max(gridHeight, gridWidth * height / width);
        return new OrthographicCamera((minX + maxX) / 2.0, (minY + maxY) / 2.0, worldHeight);
    }
}

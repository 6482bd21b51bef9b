using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.Thumbnails;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests;

/// <summary>Small scenes whose pixels the tests can predict.</summary>
internal static class Scenes
{
    public static readonly Rgba8 Background = new(20, 24, 32);

    /// <summary>Thumbnail i: a solid colour unique to i with a white 2×2 mark in its top-left corner (to prove orientation).</summary>
    public static Rgba8 CellColor(int i) => new((byte)(40 + i * 37 % 200), (byte)(200 - i * 53 % 180), (byte)(60 + i * 91 % 190));

    public static ThumbnailSet DistinctThumbnails(int count, int cellSize)
    {
        var set = ThumbnailSet.Allocate(count, cellSize);
        for (int i = 0; i < count; i++)
        {
            var cell = set.WritableCell(i);
            var c = CellColor(i);
            for (int y = 0; y < cellSize; y++)
            for (int x = 0; x < cellSize; x++)
            {
                bool mark = x < 2 && y < 2;
                int p = (y * cellSize + x) * 4;
                cell[p] = mark ? (byte)255 : c.R;
                cell[p + 1] = mark ? (byte)255 : c.G;
                cell[p + 2] = mark ? (byte)255 : c.B;
                cell[p + 3] = 255;
            }
        }
        return set;
    }

    /// <summary>MNIST-like thumbnails: black, with a white plus sign through the middle.</summary>
    public static ThumbnailSet PlusSigns(int count, int cellSize)
    {
        var set = ThumbnailSet.Allocate(count, cellSize);
        int lo = cellSize * 3 / 8, hi = cellSize * 5 / 8;
        for (int i = 0; i < count; i++)
        {
            var cell = set.WritableCell(i);
            for (int y = 0; y < cellSize; y++)
            for (int x = 0; x < cellSize; x++)
            {
                bool stroke = (x >= lo && x < hi) || (y >= lo && y < hi);
                int p = (y * cellSize + x) * 4;
                cell[p] = cell[p + 1] = cell[p + 2] = stroke ? (byte)255 : (byte)0;
                cell[p + 3] = 255;
            }
        }
        return set;
    }

    /// <summary>An orthographic camera where one world unit is one pixel and (0, 0) is the top-left pixel corner.</summary>
    public static OrthographicCamera PixelCamera(int width, int height) => new(width / 2.0, -height / 2.0, height);

    /// <summary>World position (x, y) of the centre of pixel (px, py) under <see cref="PixelCamera"/>.</summary>
    public static (float X, float Y) PixelCentre(int px, int py) => (px + 0.5f, -(py + 0.5f));

    public static PointLayer Points(params (int Px, int Py, int Palette)[] items) => new()
    {
        Positions = items.SelectMany(i => { var (x, y) = PixelCentre(i.Px, i.Py); return new[] { x, y }; }).ToArray(),
        Colors = items.Select(i => Palette.ForIndex(i.Palette)).ToArray(),
        Size = 12,
    };

    /// <summary>A grid of sprites, item i showing cell i, centred on the pixel centres the tests probe.</summary>
    public static SpriteLayer SpriteGrid(ThumbnailAtlas atlas, int columns, int spacing, float size, int origin,
        SpriteMode mode = SpriteMode.Opaque, Rgba8[]? colors = null, float border = 0) => new()
    {
        Atlas = atlas,
        Positions = Enumerable.Range(0, atlas.Count).SelectMany(i =>
        {
            var (x, y) = PixelCentre(origin + i % columns * spacing, origin + i / columns * spacing);
            return new[] { x, y };
        }).ToArray(),
        Cells = Enumerable.Range(0, atlas.Count).ToArray(),
        Size = size,
        Mode = mode,
        Colors = colors ?? [],
        BorderPixels = border,
    };

    public static (int X, int Y) GridCentre(int i, int columns, int spacing, int origin) =>
        (origin + i % columns * spacing, origin + i / columns * spacing);
}

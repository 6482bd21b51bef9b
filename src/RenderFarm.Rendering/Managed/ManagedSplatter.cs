using System.Collections.Concurrent;
using System.Runtime.Intrinsics.X86;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// The managed path: 2-D frames of fixed-size points and sprites drawn by the CPU in C#, without
/// the device. Each item's look is pre-scaled once into a <see cref="Stamp"/> per sub-pixel phase
/// (sprites: a resampled atlas cell; points: a disc's coverage), so a frame is only blends: items
/// are binned into bands of rows, and each band, on its own thread, blends its items' stamp rows
/// in draw order with SIMD in 16-bit fixed point and encodes its rows to sRGB. On lavapipe this
/// replaces texture sampling per pixel and frame (most of the compute path's cost) with a few
/// integer vector operations; what is left is mostly waiting for stamps from memory (70,000 12 px
/// sprites at 1080p, one run on 2 shared cores: ~21 CPU-ms a frame, of which blending ~14, placing
/// and binning ~2, encoding ~2.3; floats in planes and a stamp array each were ~72).
/// </summary>
internal sealed unsafe partial class ManagedSplatter
{
    /// <summary>The widest stamp drawn (pixels a side); larger items go to the device's paths.</summary>
    public const int MaxFootprint = 66;

    /// <summary>Stamp memory for one sprite look beyond which the frame goes to the device's paths.</summary>
    public const long StampBudgetBytes = 1L << 30;

    private readonly bool _nearestMip;
    private readonly int _width;
    private readonly Dictionary<SpriteStampKey, SpriteStamps> _spriteStamps = [];
    private readonly Dictionary<float, DiscStamps> _discStamps = [];
    private readonly ConcurrentBag<BandCompositor> _compositors = [];
    private readonly List<(int Item, int Index)> _pending = [];
    private PlacedLayer[] _layers = [];

    /// <param name="nearestMip">Whether the device's sampler picks one mip level (CPU devices) rather than blending two.</param>
    public ManagedSplatter(int width, bool nearestMip)
    {
        _width = width;
        _nearestMip = nearestMip;
    }

    /// <summary>Orthographic frames whose layers all have one size in pixels, discs or sprites, small enough to stamp.</summary>
    public static bool CanDraw(FrameDescription frame, bool perspective, float pixelsPerUnit)
    {
        if (perspective || frame.Camera is not OrthographicCamera) return false;
        foreach (var layer in frame.Layers)
        {
            float size = SizePx(layer, pixelsPerUnit);
            switch (layer)
            {
                case PointLayer points:
                    if (points.Shading != PointShading.Disc || points.Sizes.Length != 0) return false;
                    if (DiscStamps.FootprintFor(size) > MaxFootprint) return false;
                    break;
                case SpriteLayer:
                    if (Stamp.FootprintForSide(size) > MaxFootprint) return false;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static float SizePx(FrameLayer layer, float pixelsPerUnit) =>
        layer.SizeUnit == SizeUnit.World ? layer.Size * pixelsPerUnit : layer.Size;

    /// <summary>
    /// Places every item and makes any stamps it lacks; false (nothing drawn) when a sprite look
    /// would need more stamp memory than <see cref="StampBudgetBytes"/>.
    /// </summary>
    public bool Prepare(FrameDescription frame, FrameTile area, float pixelsPerUnit)
    {
        foreach (var layer in frame.Layers)
        {
            if (layer is SpriteLayer sprites && SpriteStampsFor(sprites, pixelsPerUnit) is null) return false;
        }
        if (_layers.Length < frame.Layers.Count)
            _layers = [.. _layers, .. Enumerable.Range(0, frame.Layers.Count - _layers.Length).Select(_ => new PlacedLayer())];
        var fullImage = new FrameTile(area.ImageWidth, area.ImageHeight, new PixelRect(0, 0, area.ImageWidth, area.ImageHeight));
        var toClip = CameraTransform.WorldToClip(frame.Camera, fullImage, out _, out _);
        int bands = (area.Rect.Height + BandCompositor.BandHeight - 1) / BandCompositor.BandHeight;
        for (int i = 0; i < frame.Layers.Count; i++)
        {
            var layer = frame.Layers[i];
            var placed = _layers[i];
            switch (layer)
            {
                case PointLayer points: PlacePoints(points, placed, toClip, area, pixelsPerUnit); break;
                case SpriteLayer sprites: PlaceSprites(sprites, placed, toClip, area, SpriteStampsFor(sprites, pixelsPerUnit)!); break;
            }
            placed.Bin(bands, BandCompositor.BandHeight, area.Rect.Height);
        }
        return true;
    }

    /// <summary>Draws the prepared frame into <paramref name="rgba"/> (the tile's pixels, sRGB RGBA8, straight alpha).</summary>
    public void Render(FrameDescription frame, FrameTile area, Span<byte> rgba)
    {
        int w = area.Rect.Width, h = area.Rect.Height;
        int bands = (h + BandCompositor.BandHeight - 1) / BandCompositor.BandHeight;
        var bg = frame.Background;
        ulong background = Pack(SrgbTables.Decode[bg.R], SrgbTables.Decode[bg.G], SrgbTables.Decode[bg.B], bg.A / 255f);
        // Over an opaque background alpha stays 65535 whatever is drawn: it is written as 255, not read.
        bool alpha = bg.A != 255;
        int layerCount = frame.Layers.Count;
        fixed (byte* output = rgba)
        {
            byte* outputBase = output;
            Parallel.For(0, bands, () => TakeCompositor(w), (band, _, compositor) =>
            {
                int y0 = band * BandCompositor.BandHeight, rows = Math.Min(BandCompositor.BandHeight, h - y0);
                compositor.Clear(rows, background);
                for (int l = 0; l < layerCount; l++) DrawBand(compositor, _layers[l], band, y0, rows);
                compositor.Encode(rows, new Span<byte>(outputBase + (long)y0 * w * 4, rows * w * 4), alpha);
                return compositor;
            }, _compositors.Add);
        }
    }

    private BandCompositor TakeCompositor(int width)
    {
        while (_compositors.TryTake(out var compositor))
        {
            if (compositor.Width == width) return compositor;
        }
        return new BandCompositor(width);
    }

    private static void DrawBand(BandCompositor compositor, PlacedLayer layer, int band, int y0, int rows)
    {
        var shape = layer.Shape;
        if (shape is null) return;
        int size = shape.Size, stride = shape.Stride, maskStart = shape.MaskStart, span = compositor.Span(size);
        bool hasColor = shape.HasColor, hasMask = shape.HasMask;
        int end = layer.BandStarts[band + 1];
        var entries = layer.Entries;
        for (int e = layer.BandStarts[band]; e < end; e++)
        {
            if (e + PrefetchDistance < end) PrefetchRows(layer, entries[e + PrefetchDistance], shape, y0, rows);
            int item = entries[e];
            int top = layer.Y[item], x = layer.X[item];
            int first = Math.Max(top, y0), last = Math.Min(top + size, y0 + rows);
            int stampRow = first - top, row = first - y0, count = last - first;
            ushort* data = (ushort*)layer.Pixels[item];
            ushort* colour = data + stampRow * stride * 4, mask = data + maskStart + stampRow * stride;
            if (!hasColor) compositor.BlendMask(mask, stride, span, row, count, x, layer.Tint(item));
            else if (hasMask) compositor.BlendBordered(colour, mask, stride, span, row, count, x, layer.Tint(item));
            else compositor.BlendColor(colour, stride, span, row, count, x);
        }
    }

    /// <summary>
    /// Items ahead whose stamp rows are fetched into the cache while this one is blended. 70,000
    /// thumbnails make 100+ MB of stamps read in no useful order: waiting for each from memory cost
    /// more than blending it. Measured on the 70k 12 px morph (blend CPU-ms a frame, 2 shared
    /// cores): 4 items ahead ~9.5, 2 ~16, 6–8 ~11–12, 12–16 ~10–12.
    /// </summary>
    private const int PrefetchDistance = 4;

    /// <summary>
    /// Prefetches the rows of <paramref name="item"/>'s stamp that this band blends, not the whole
    /// stamp: a 13-row stamp crosses two 16-row bands in most cases, and fetching all of it for
    /// both took the blend from ~10 to ~16 CPU-ms a frame.
    /// </summary>
    private static void PrefetchRows(PlacedLayer layer, int item, Stamp shape, int y0, int rows)
    {
        if (!Sse.IsSupported) return;
        int top = layer.Y[item];
        int first = Math.Max(top, y0) - top, last = Math.Min(top + shape.Size, y0 + rows) - top;
        byte* start = (byte*)layer.Pixels[item];
        if (shape.HasColor) PrefetchRange(start + first * shape.Stride * 8L, (last - first) * shape.Stride * 8L);
        if (shape.HasMask) PrefetchRange(start + (shape.MaskStart + first * shape.Stride) * 2L, (last - first) * shape.Stride * 2L);
    }

    private static void PrefetchRange(byte* start, long bytes)
    {
        for (long offset = 0; offset < bytes; offset += 64) Sse.Prefetch0(start + offset);
    }

    /// <summary>The premultiplied tint of a colour as a compositor pixel (see <see cref="PlacedLayer.Tints"/>).</summary>
    private static ulong Premultiplied(Rgba8 c, bool opaque = false)
    {
        float a = opaque ? 1f : c.A / 255f;
        return Pack(SrgbTables.Decode[c.R] * a, SrgbTables.Decode[c.G] * a, SrgbTables.Decode[c.B] * a, a);
    }

    /// <summary>Linear R, G, B, A (0..1) as one compositor pixel: four 16-bit values, R lowest.</summary>
    private static ulong Pack(float r, float g, float b, float a) =>
        Stamp.Quantise(r) | (ulong)Stamp.Quantise(g) << 16 | (ulong)Stamp.Quantise(b) << 32 | (ulong)Stamp.Quantise(a) << 48;
}

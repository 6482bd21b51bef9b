using SkiaSharp;

namespace RenderFarm.Encoding.Overlays;

/// <summary>
/// An overlay rendered once into a transparent, premultiplied RGBA8 layer of the frame's size, then
/// composited onto each video frame at any opacity (fades) with SIMD blending. Only the blocks that hold
/// overlay pixels are touched, so a title, a legend and a few labels cost a small fraction of a frame.
/// </summary>
public sealed class OverlayLayer
{
    /// <summary>Side of the square blocks the layer is scanned in; a block with any pixel is composited whole.</summary>
    private const int Block = 32;

    private readonly byte[] pixels;
    private readonly List<SKRectI> blocks;

    private OverlayLayer(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.pixels = pixels;
        blocks = FindCoveredBlocks();
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Premultiplied RGBA8, top row first.</summary>
    public ReadOnlySpan<byte> Pixels => pixels;

    /// <summary>The rectangles composited per frame (non-overlapping).</summary>
    public IReadOnlyList<SKRectI> CoveredBlocks => blocks;

    public static OverlayLayer Render(OverlaySpec spec, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (width <= 0 || height <= 0)
        {
            throw new EncodingException($"overlay size {width}x{height}: width and height must be positive.");
        }

        var pixels = new byte[checked(width * height * 4)];
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        unsafe
        {
            fixed (byte* pointer = pixels)
            {
                using var surface = SKSurface.Create(info, (IntPtr)pointer, width * 4)
                    ?? throw new EncodingException($"overlay {width}x{height}: Skia could not create a surface.");
                OverlayPainter.Paint(surface.Canvas, spec, width, height);
                surface.Canvas.Flush();
            }
        }

        return new OverlayLayer(width, height, pixels);
    }

    /// <summary>Blends the layer over an opaque RGBA8 frame of the same size; <paramref name="opacity"/> in [0, 1].</summary>
    public void CompositeOnto(Span<byte> frame, float opacity = 1)
    {
        if (frame.Length != pixels.Length)
        {
            throw new ArgumentException($"frame has {frame.Length} bytes; the overlay is {Width}x{Height} RGBA ({pixels.Length} bytes).", nameof(frame));
        }

        int scaled = (int)MathF.Round(Math.Clamp(opacity, 0f, 1f) * 255);
        if (scaled == 0)
        {
            return;
        }

        int stride = Width * 4;
        foreach (SKRectI block in blocks)
        {
            int start = block.Left * 4;
            int length = block.Width * 4;
            for (int y = block.Top; y < block.Bottom; y++)
            {
                int offset = y * stride + start;
                AlphaCompositor.Blend(pixels.AsSpan(offset, length), frame.Slice(offset, length), scaled);
            }
        }
    }

    private List<SKRectI> FindCoveredBlocks()
    {
        var found = new List<SKRectI>();
        int stride = Width * 4;
        for (int top = 0; top < Height; top += Block)
        {
            int bottom = Math.Min(Height, top + Block);
            int runStart = -1;
            // One step past the last block closes a run that reaches the right edge.
            for (int left = 0; left < Width + Block; left += Block)
            {
                bool covered = left < Width && HasPixels(left, top, Math.Min(Width, left + Block), bottom, stride);
                // Neighbouring covered blocks of a block row merge into one run: fewer, longer spans to blend.
                if (covered && runStart < 0)
                {
                    runStart = left;
                }
                else if (!covered && runStart >= 0)
                {
                    found.Add(new SKRectI(runStart, top, Math.Min(Width, left), bottom));
                    runStart = -1;
                }
            }
        }

        return found;
    }

    private bool HasPixels(int left, int top, int right, int bottom, int stride)
    {
        for (int y = top; y < bottom; y++)
        {
            if (pixels.AsSpan(y * stride + left * 4, (right - left) * 4).IndexOfAnyExcept((byte)0) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

using SkiaSharp;

namespace RenderFarm.Encoding.Overlays;

/// <summary>
/// Draws an overlay with Skia straight onto one opaque RGBA8 frame or poster tile (no layer kept):
/// for single images, where rendering a layer first buys nothing.
/// </summary>
public static class OverlayCanvas
{
    /// <param name="offsetX">Where the buffer sits in the whole image (poster tiles), so text lands in image coordinates.</param>
    public static void Draw(Span<byte> rgba, int width, int height, OverlaySpec spec, float opacity = 1,
        int imageWidth = 0, int imageHeight = 0, int offsetX = 0, int offsetY = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException($"buffer has {rgba.Length} bytes, not {width}x{height} RGBA.", nameof(rgba));
        }

        byte alpha = (byte)MathF.Round(Math.Clamp(opacity, 0f, 1f) * 255);
        if (alpha == 0)
        {
            return;
        }

        // Opaque frames hold the same bytes premultiplied or not, so Skia may treat them as premultiplied.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        unsafe
        {
            fixed (byte* pointer = rgba)
            {
                using var surface = SKSurface.Create(info, (IntPtr)pointer, width * 4)
                    ?? throw new EncodingException($"overlay {width}x{height}: Skia could not create a surface.");
                SKCanvas canvas = surface.Canvas;
                canvas.Translate(-offsetX, -offsetY);
                using var layerPaint = new SKPaint { Color = SKColors.White.WithAlpha(alpha) };
                if (alpha < 255)
                {
                    canvas.SaveLayer(layerPaint);
                }

                OverlayPainter.Paint(canvas, spec, imageWidth > 0 ? imageWidth : width, imageHeight > 0 ? imageHeight : height);
                if (alpha < 255)
                {
                    canvas.Restore();
                }

                canvas.Flush();
            }
        }
    }
}

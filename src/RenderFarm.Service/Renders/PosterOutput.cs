using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;
using RenderFarm.Encoding.Images;
using RenderFarm.Encoding.Overlays;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Service.Renders;

/// <summary>
/// Writes one image output of any size: rendered in tiles a band of rows at a time
/// (<see cref="PosterRenderer"/>), overlays painted onto each band at its offset in the whole
/// image, each band streamed into the PNG encoder, so a 20,000² poster never sits in memory whole.
/// </summary>
internal static class PosterOutput
{
    /// <summary>Largest renderer side: 4096² RGBA is 64 MiB on the device, and fewer tiles mean fewer passes over the items.</summary>
    private const int MaxTileSide = 4096;

    /// <summary>A band (image width × tile height) stays under this many bytes.</summary>
    private const long MaxBandBytes = 256L << 20;

    public static void Write(RenderDevice device, int samples, ImageOutputSpec output, LayoutSet layouts, ThumbnailAtlas? atlas,
        Rgba8 background, IReadOnlyList<PngText> texts, string path, IProgress<RenderProgress>? progress, CancellationToken cancellation)
    {
        LayoutResult layout = layouts[output.Layout];
        float[] positions = layouts.PositionsFor(output, layout.Coordinates, out int dims);
        var drawing = new OutputDrawing(output, layouts.ItemCount, ItemColors.For(output, layouts, layout, background), atlas);
        CameraView camera = output.Style == OutputStyle.GridMosaic
            ? OutputDrawing.GridCamera(positions, output.Width, output.Height)
            : Framing.Fit(output, positions, dims).ToView();
        var frame = new FrameDescription(camera, background, [drawing.Layer(positions, dims)]);
        var overlay = new OverlayFactory(output, layouts, layout, background).All(output.Layout, positions, dims, camera, output.Width, output.Height);

        int side = Math.Min(MaxTileSide, device.Info.MaxImageDimension2D);
        int tileWidth = Math.Min(side, output.Width);
        int tileHeight = (int)Math.Clamp(MaxBandBytes / (output.Width * 4L), 1, Math.Min(side, output.Height));
        using FrameRenderer renderer = device.CreateFrameRenderer(tileWidth, tileHeight, samples);
        var band = new byte[(long)output.Width * tileHeight * 4];
        string stage = $"poster {output.Name}";
        progress?.Report(new RenderProgress(stage, 0, output.Height));
        var options = new PngImageOptions
        {
            Width = output.Width,
            Height = output.Height,
            HasAlpha = background.A < 255,
            Texts = texts,
            DotsPerInch = output.Dpi,
        };
        PngFile.Write(path, options, encoder => PosterRenderer.Render(renderer, frame, output.Width, output.Height, (y, height, rows) =>
        {
            cancellation.ThrowIfCancellationRequested();
            // The renderer's band is read-only; the overlay is painted onto our copy of it.
            Span<byte> pixels = band.AsSpan(0, rows.Length);
            rows.CopyTo(pixels);
            OverlayCanvas.Draw(pixels, output.Width, height, overlay, 1, output.Width, output.Height, 0, y);
            encoder.WriteRows(pixels);
            progress?.Report(new RenderProgress(stage, y + height, output.Height));
        }));
    }
}

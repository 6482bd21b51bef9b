using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;
using RenderFarm.Encoding.Overlays;
using RenderFarm.Encoding.Video;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Service.Renders;

/// <summary>
/// Writes one video output: the timeline evaluated frame by frame into one reused state, each frame
/// rendered straight into the encoder's buffer while ffmpeg encodes the previous one, and the
/// overlays composited per frame at the opacity the timeline gives them. Title and legend are
/// painted once; captions once per layout shown; cluster labels, which follow the items, each frame.
/// Every frame is a function of its absolute index alone (no state carried from the frame before),
/// so a <see cref="FrameRange"/> of the video rendered on its own (a chunk, on any worker) holds the
/// very frames the whole video has there, overlays included, and chunks join seamlessly.
/// </summary>
internal static class VideoOutput
{
    public static Task<Mp4Result> WriteAsync(RenderDevice device, int samples, VideoOutputSpec video, LayoutSet layouts, ThumbnailAtlas? atlas,
        Rgba8 background, string path, IProgress<RenderProgress>? progress, CancellationToken cancellation) =>
        WriteAsync(device, samples, video, layouts, atlas, background, path, range: null, progress, cancellation);

    /// <summary>
    /// Frames [<see cref="FrameRange.Start"/>, <see cref="FrameRange.End"/>) of the video's timeline
    /// (all of them when <paramref name="range"/> is null) into <paramref name="path"/>, with the
    /// video's own encoder settings, so the chunks of one video join by stream copy.
    /// </summary>
    public static async Task<Mp4Result> WriteAsync(RenderDevice device, int samples, VideoOutputSpec video, LayoutSet layouts, ThumbnailAtlas? atlas,
        Rgba8 background, string path, FrameRange? range, IProgress<RenderProgress>? progress, CancellationToken cancellation)
    {
        Timeline timeline = Timeline.Build(video, VideoInputs.For(video, layouts));
        FrameRange frames = range ?? new FrameRange(0, timeline.FrameCount);
        if (frames.Start < 0 || frames.Count <= 0 || frames.End > timeline.FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"frames [{frames.Start}, {frames.End}) lie outside {video.Name}'s {timeline.FrameCount} frames");
        }

        FrameState state = timeline.CreateState();
        LayoutResult first = layouts[video.Layout];
        var drawing = new OutputDrawing(video, layouts.ItemCount, ItemColors.For(video, layouts, first, background), atlas);
        var overlays = new OverlayFactory(video, layouts, first, background);
        int width = video.Width, height = video.Height;
        OverlayLayer? title = overlays.Title() is { } t ? OverlayLayer.Render(t, width, height) : null;
        OverlayLayer? legend = overlays.Legend() is { } l ? OverlayLayer.Render(l, width, height) : null;
        var captions = new Dictionary<string, OverlayLayer?>(StringComparer.Ordinal);
        using FrameRenderer renderer = device.CreateFrameRenderer(width, height, samples);
        var options = new VideoEncodeOptions { Width = width, Height = height, FramesPerSecond = video.Fps, Crf = video.Crf, Preset = video.Preset };
        string stage = range is null ? $"video {video.Name}" : $"video {video.Name} frames {frames.Start}–{frames.End - 1}";
        progress?.Report(new RenderProgress(stage, 0, frames.Count));

        return await Mp4Writer.EncodeAsync(path, options, frames.Count, (index, pixels) =>
        {
            cancellation.ThrowIfCancellationRequested();
            timeline.Evaluate(frames.Start + index, state);
            CameraView camera = state.Camera.ToView();
            renderer.Render(new FrameDescription(camera, background, [drawing.Layer(state.Positions, state.Dims)]), pixels);
            title?.CompositeOnto(pixels, state.Opacity(Overlay.Title));
            legend?.CompositeOnto(pixels, state.Opacity(Overlay.Legend));
            // Mid-morph the caption switches to the layout the items are heading for.
            string shown = state.TargetLayoutName is { } target && state.MorphProgress >= 0.5f ? target : state.LayoutName;
            if (!captions.TryGetValue(shown, out OverlayLayer? caption))
            {
                caption = overlays.Caption(shown) is { } c ? OverlayLayer.Render(c, width, height) : null;
                captions[shown] = caption;
            }

            caption?.CompositeOnto(pixels, state.Opacity(Overlay.Caption));
            float labelOpacity = state.Opacity(Overlay.ClusterLabels);
            if (labelOpacity > 0 && overlays.ClusterLabels(state.Positions, state.Dims, camera, width, height) is { } labels)
            {
                OverlayCanvas.Draw(pixels, width, height, labels, labelOpacity);
            }

            progress?.Report(new RenderProgress(stage, index + 1, frames.Count));
        }, cancellation).ConfigureAwait(false);
    }
}

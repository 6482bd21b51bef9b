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
/// </summary>
internal static class VideoOutput
{
    public static async Task<Mp4Result> WriteAsync(RenderDevice device, int samples, VideoOutputSpec video, LayoutSet layouts, ThumbnailAtlas? atlas,
        Rgba8 background, string path, IProgress<RenderProgress>? progress, CancellationToken cancellation)
    {
        Timeline timeline = Timeline.Build(video, VideoInputs.For(video, layouts));
        FrameState state = timeline.CreateState();
        LayoutResult first = layouts[video.Layout];
        var drawing = new OutputDrawing(video, layouts.ItemCount, ItemColors.For(video, layouts, first), atlas);
        var overlays = new OverlayFactory(video, layouts, first, background);
        int width = video.Width, height = video.Height;
        OverlayLayer? title = overlays.Title() is { } t ? OverlayLayer.Render(t, width, height) : null;
        OverlayLayer? legend = overlays.Legend() is { } l ? OverlayLayer.Render(l, width, height) : null;
        var captions = new Dictionary<string, OverlayLayer?>(StringComparer.Ordinal);
        using FrameRenderer renderer = device.CreateFrameRenderer(width, height, samples);
        var options = new VideoEncodeOptions { Width = width, Height = height, FramesPerSecond = video.Fps, Crf = video.Crf, Preset = video.Preset };
        string stage = $"video {video.Name}";
        progress?.Report(new RenderProgress(stage, 0, timeline.FrameCount));

        return await Mp4Writer.EncodeAsync(path, options, timeline.FrameCount, (index, pixels) =>
        {
            cancellation.ThrowIfCancellationRequested();
            timeline.Evaluate(index, state);
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

            progress?.Report(new RenderProgress(stage, index + 1, timeline.FrameCount));
        }, cancellation).ConfigureAwait(false);
    }
}

using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

public sealed class OutputSectionTests : IDisposable
{
    /// <summary>Twelve lines, so an output's entry name is on line 14 and its first key on line 15.</summary>
    private const string Prefix = "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n  umap: {}\n  tsne:\n    align_to: umap\n  grid:\n    source: umap\n  u3:\n    method: umap\n    dims: 3\noutputs:\n";

    private const string Video = "  v:\n    kind: video\n    layout: umap\n";

    private readonly TempDirectory _dir = new();

    public OutputSectionTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_KindFromNameAndDefaults()
    {
        Scene scene = Load("  poster:\n    layout: grid\n    style: grid-mosaic\n  movie:\n    layout: umap\n    timeline:\n      - hold: {seconds: 2}\n");

        var poster = Assert.IsType<ImageOutputSpec>(scene.Outputs[0]);
        Assert.Equal((4096, 4096, "poster.png", OutputStyle.GridMosaic, SpriteMode.Opaque), (poster.Width, poster.Height, poster.FileName, poster.Style, poster.SpriteMode));
        var movie = Assert.IsType<VideoOutputSpec>(scene.Outputs[1]);
        Assert.Equal((1920, 1080, 30, 20, "medium", "movie.mp4"), (movie.Width, movie.Height, movie.Fps, movie.Crf, movie.Preset, movie.FileName));
        Assert.Equal(60, movie.FrameCount);
        Assert.True(movie.Overlays.Legend && movie.Overlays.Caption && !movie.Overlays.ClusterLabels && movie.Overlays.Title is null);
    }

    [Fact]
    public void Load_VideoTimeline_StepsWithTheirSettings()
    {
        Scene scene = Load(Video + "    fps: 24\n    timeline:\n      - morph: {to: tsne, seconds: 2, easing: linear, stagger: cluster, stagger_spread: 0.3}\n"
            + "      - camera: {to: {cluster: 2}, seconds: 1}\n      - camera: {to: {center: [1, 2], height: 5}, seconds: 1}\n      - camera: {to: fit, seconds: 1}\n"
            + "      - fade: {overlay: legend, to: 0, seconds: 0.5}\n      - sweep: {layout: umap, parameter: n_neighbors, values: [5, 15, 50], seconds_each: 2}\n"
            + "      - replay: {layout: tsne, every: 5, seconds: 3}\n");

        var video = Assert.IsType<VideoOutputSpec>(Assert.Single(scene.Outputs));
        Assert.Equal(["morph", "camera", "camera", "camera", "fade", "sweep", "replay"], video.Timeline.Select(s => s.Word));
        var morph = (MorphStep)video.Timeline[0];
        Assert.Equal(("tsne", Easing.Linear, StaggerBy.Cluster, 0.3), (morph.To, morph.Easing, morph.Stagger, morph.StaggerSpread));
        Assert.Equal(new ClusterTarget(2), ((CameraStep)video.Timeline[1]).To);
        Assert.Equal([1.0, 2.0], ((ViewTarget)((CameraStep)video.Timeline[2]).To).Center);
        Assert.IsType<FitTarget>(((CameraStep)video.Timeline[3]).To);
        var sweep = (SweepStep)video.Timeline[5];
        Assert.Equal((6.0, "umap.n_neighbors=5,15,50", "umap n_neighbors=50"), (sweep.Seconds, sweep.SequenceName, sweep.SetName(2)));
        Assert.Equal("tsne.replay/5", ((ReplayStep)video.Timeline[6]).SequenceName);
        Assert.Equal((int)Math.Round((2 + 1 + 1 + 1 + 0.5 + 6 + 3) * 24.0), video.FrameCount);
    }

    [Fact]
    public void Load_Paper_SizedFromDpi()
    {
        Scene scene = Load("  poster:\n    layout: umap\n    paper: A1\n    dpi: 300\n  wide:\n    kind: image\n    layout: umap\n    paper: A4\n    orientation: landscape\n");

        Assert.Equal((7016, 9933), (scene.Outputs[0].Width, scene.Outputs[0].Height));
        Assert.Equal((3508, 2480), (scene.Outputs[1].Width, scene.Outputs[1].Height));
        Assert.Equal(((int?)300, (int?)300), (((ImageOutputSpec)scene.Outputs[0]).Dpi, ((ImageOutputSpec)scene.Outputs[1]).Dpi));
    }

    [Fact]
    public void Load_LayoutTypo_SuggestsTheClosestLayout()
    {
        var error = Assert.Throws<SceneException>(() => Load("  poster:\n    layout: uamp\n"));

        Assert.Equal(("outputs.poster.layout", 15), (error.Key, error.Line));
        Assert.Contains("'uamp' is not a layout of this scene; did you mean 'umap'?", error.Message);
        Assert.StartsWith($"{_dir.File("s.yaml")}:15:", error.Message);
    }

    [Fact]
    public void Load_TimelineLayoutTypo_SuggestsTheClosestLayout()
    {
        var error = Assert.Throws<SceneException>(() => Load(Video + "    timeline:\n      - hold: {seconds: 1}\n      - morph:\n          to: tnse\n          seconds: 2\n"));

        Assert.Equal(("outputs.v.timeline[1].morph.to", 20), (error.Key, error.Line));
        Assert.Contains("did you mean 'tsne'?", error.Message);
    }

    [Theory]
    [InlineData("    size: [1921, 1080]\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.size", 17, "the width must be even")]
    [InlineData("    size: [1920, 1081]\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.size", 17, "H.264")]
    [InlineData("    size: [8192, 4096]\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.size", 17, "between 16 and 4096")]
    [InlineData("    size: [0, 100]\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.size", 17, "between 16 and 4096")]
    [InlineData("    size: [100]\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.size", 17, "list of 2 numbers")]
    [InlineData("    fps: 240\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.fps", 17, "between 1 and 120")]
    [InlineData("    crf: 52\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.crf", 17, "between 0 and 51")]
    [InlineData("    preset: quick\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.preset", 17, "not an x264 preset")]
    [InlineData("    paper: A1\n    timeline:\n      - hold: {seconds: 1}\n", "outputs.v.paper", 17, "unknown key")]
    [InlineData("    timelin: []\n", "outputs.v.timelin", 17, "did you mean 'timeline'")]
    [InlineData("    fps: 30\n", "outputs.v.timeline", 15, "required")]
    [InlineData("    timeline: []\n", "outputs.v.timeline", 17, "at least one step")]
    [InlineData("    timeline:\n      - hodl: {seconds: 1}\n", "outputs.v.timeline[0].hodl", 18, "did you mean 'hold'")]
    [InlineData("    timeline:\n      - hold: {seconds: 1}\n        morph: {to: tsne, seconds: 1}\n", "outputs.v.timeline[0]", 18, "exactly one")]
    [InlineData("    timeline:\n      - hold: {}\n", "outputs.v.timeline[0].hold.seconds", 18, "required")]
    [InlineData("    timeline:\n      - hold: {seconds: 0}\n", "outputs.v.timeline[0].hold.seconds", 18, "between")]
    [InlineData("    timeline:\n      - hold: {seconds: 0.01}\n", "outputs.v.timeline[0].hold.seconds", 18, "shorter than one frame")]
    [InlineData("    timeline:\n      - morph: {to: umap, seconds: 1}\n", "outputs.v.timeline[0].morph.to", 18, "starts and ends on 'umap'")]
    [InlineData("    timeline:\n      - morph: {to: u3, seconds: 1}\n", "outputs.v.timeline[0].morph.to", 18, "keeps one dimensionality")]
    [InlineData("    timeline:\n      - morph: {to: tsne, seconds: 1, easing: bouncy}\n", "outputs.v.timeline[0].morph.easing", 18, "'bouncy' is not one of")]
    [InlineData("    timeline:\n      - orbit: {seconds: 4}\n", "outputs.v.timeline[0].orbit", 18, "an orbit turns a 3-D view")]
    [InlineData("    timeline:\n      - camera: {to: {center: [1, 2, 3], height: 2}, seconds: 1}\n", "outputs.v.timeline[0].camera.to", 18, "center needs 2 numbers")]
    [InlineData("    timeline:\n      - camera: {to: {center: [1, 2]}, seconds: 1}\n", "outputs.v.timeline[0].camera.to.height", 18, "required with center")]
    [InlineData("    timeline:\n      - camera: {to: everything, seconds: 1}\n", "outputs.v.timeline[0].camera.to", 18, "expected fit")]
    [InlineData("    overlays: {caption: false}\n    timeline:\n      - fade: {overlay: caption, to: 0, seconds: 1}\n", "outputs.v.timeline[0].fade.overlay", 19, "is off for this output")]
    [InlineData("    timeline:\n      - fade: {overlay: legend, to: 2, seconds: 1}\n", "outputs.v.timeline[0].fade.to", 18, "between 0 and 1")]
    [InlineData("    timeline:\n      - sweep: {layout: grid, parameter: n_neighbors, values: [5, 15], seconds_each: 1}\n", "outputs.v.timeline[0].sweep.layout", 18, "needs a umap or tsne layout")]
    [InlineData("    timeline:\n      - sweep: {layout: umap, parameter: perplexity, values: [5, 15], seconds_each: 1}\n", "outputs.v.timeline[0].sweep.parameter", 18, "can vary n_neighbors")]
    [InlineData("    timeline:\n      - sweep: {layout: umap, parameter: n_neighbors, values: [5, 1], seconds_each: 1}\n", "outputs.v.timeline[0].sweep.values", 18, "item 2: must be between 2 and 1000")]
    [InlineData("    timeline:\n      - sweep: {layout: umap, parameter: n_neighbors, values: [5], seconds_each: 1}\n", "outputs.v.timeline[0].sweep.values", 18, "a list of 2 to 100 numbers, got 1")]
    [InlineData("    timeline:\n      - replay: {layout: grid, seconds: 1}\n", "outputs.v.timeline[0].replay.layout", 18, "needs a umap or tsne layout")]
    [InlineData("    fps: 120\n    timeline:\n      - hold: {seconds: 900}\n", "outputs.v.timeline", 18, "the most is 100,000")]
    public void Load_BadVideo_NamesKeyLineAndProblem(string keys, string key, int line, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Load(Video + keys));

        Assert.Equal((key, line), (error.Key, error.Line));
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{_dir.File("s.yaml")}:{line}:", error.Message);
    }

    [Theory]
    [InlineData("  p:\n    layout: umap\n", "outputs.p", 15, "say which kind")]
    [InlineData("  poster:\n    tsne: 1\n", "outputs.poster.tsne", 15, "unknown key")]
    [InlineData("  poster:\n    kind: image\n", "outputs.poster", 15, "say which layout")]
    [InlineData("  poster:\n    layout: umap\n    size: [40000, 100]\n", "outputs.poster.size", 16, "between 16 and 32768")]
    [InlineData("  poster:\n    layout: umap\n    size: [100.5, 100]\n", "outputs.poster.size", 16, "whole number")]
    [InlineData("  poster:\n    layout: umap\n    style: grid-mosaic\n", "outputs.poster.style", 16, "grid-mosaic draws a grid layout")]
    [InlineData("  poster:\n    layout: u3\n    style: terrain\n", "outputs.poster.style", 16, "already 3-D")]
    [InlineData("  poster:\n    layout: grid\n    style: grid-mosaic\n    item_size: 4\n", "outputs.poster.item_size", 17, "fill their cells")]
    [InlineData("  poster:\n    layout: umap\n    style: points\n    border: true\n", "outputs.poster.border", 17, "only for style sprites")]
    [InlineData("  poster:\n    layout: umap\n    sprite_mode: threshold\n    border: true\n", "outputs.poster.border", 17, "needs sprite_mode: opaque")]
    [InlineData("  poster:\n    layout: umap\n    paper: A0\n    dpi: 1200\n", "outputs.poster.dpi", 17, "A0 at 1200 dpi is 39732×56173 pixels")]
    [InlineData("  poster:\n    layout: umap\n    paper: B5\n", "outputs.poster.paper", 16, "'B5' is not one of")]
    [InlineData("  poster:\n    layout: umap\n    paper: A4\n    size: [100, 100]\n", "outputs.poster.paper", 16, "not both")]
    [InlineData("  poster:\n    layout: umap\n    file: ../x.png\n", "outputs.poster.file", 16, "plain file name")]
    [InlineData("  poster:\n    layout: umap\n    file: x.mp4\n", "outputs.poster.file", 16, "must end in .png")]
    [InlineData("  poster:\n    layout: umap\n  image:\n    layout: tsne\n    file: poster.png\n", "outputs.image.file", 18, "already writes poster.png")]
    [InlineData("  poster:\n    layout: umap\n    overlays: {legnd: false}\n", "outputs.poster.overlays.legnd", 16, "did you mean 'legend'")]
    [InlineData("  poster:\n    layout: umap\n    timeline: []\n", "outputs.poster.timeline", 16, "unknown key")]
    public void Load_BadImage_NamesKeyLineAndProblem(string outputs, string key, int line, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Load(outputs));

        Assert.Equal((key, line), (error.Key, error.Line));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void OutputChecks_MosaicTooSmallForTheItems_NamesSize()
    {
        OutputSpec poster = Load("  poster:\n    layout: grid\n    style: grid-mosaic\n    size: [256, 256]\n").Outputs[0];

        OutputChecks.Check(poster, 4096, 10);
        var error = Assert.Throws<SceneException>(() => OutputChecks.Check(poster, 70_000, 10));

        Assert.Equal(("outputs.poster.size", 17), (error.Key, error.Line));
        Assert.Contains("1 px a tile", error.Message);
    }

    [Fact]
    public void OutputChecks_LabelsWantedButNone_NamesTheKey()
    {
        OutputSpec video = Load(Video + "    color_by: label\n    timeline:\n      - morph: {to: tsne, seconds: 1, stagger: label}\n").Outputs[0];

        var colour = Assert.Throws<SceneException>(() => OutputChecks.Check(video, 100, 0));
        var stagger = Assert.Throws<SceneException>(() => OutputChecks.Check(video with { ColorBy = null }, 100, 0));

        Assert.Equal(("outputs.v.color_by", 17), (colour.Key, colour.Line));
        Assert.Equal(("outputs.v.timeline[0].morph.stagger", 19), (stagger.Key, stagger.Line));
        Assert.Equal(ColorBy.Cluster, OutputChecks.ResolveColorBy(video with { ColorBy = null }, 0));
        Assert.Equal(ColorBy.Label, OutputChecks.ResolveColorBy(video with { ColorBy = null }, 3));
    }

    [Fact]
    public void KeysByKind_TogetherAreTheDocumentedOutputKeys()
    {
        var union = OutputSectionReader.KeysByKind.Values.SelectMany(k => k).Distinct().Order();

        Assert.Equal(SceneKeys.Output.Order(), union);
    }

    private Scene Load(string outputs) => SceneLoader.Load(_dir.Write("s.yaml", Prefix + outputs));
}

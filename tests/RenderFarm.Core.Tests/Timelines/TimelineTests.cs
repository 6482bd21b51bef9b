using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;

namespace RenderFarm.Core.Tests.Timelines;

public sealed class TimelineTests : IDisposable
{
    private const int Items = 200;
    private readonly TimelineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(30, "1.5", "2.5", "1", 150)]
    [InlineData(24, "0.7", "0.7", "0.7", 50)]
    [InlineData(25, "0.02", "3.31", "0.5", 96)]
    public void FrameCount_IsTheTotalSecondsTimesFps(int fps, string a, string b, string c, int expected)
    {
        VideoOutputSpec video = _fixture.Video($"    layout: umap\n    fps: {fps}\n    timeline:\n      - hold: {{seconds: {a}}}\n      - morph: {{to: tsne, seconds: {b}}}\n      - hold: {{seconds: {c}}}\n");

        Timeline timeline = Timeline.Build(video, TimelineFixture.Inputs(Items, 2));

        Assert.Equal(expected, timeline.FrameCount);
        Assert.Equal(expected, video.FrameCount);
        FrameState state = timeline.CreateState();
        timeline.Evaluate(expected - 1, state);
        Assert.Equal(2, state.StepIndex);
    }

    [Fact]
    public void Morph_StartsOnTheSourceAndEndsOnTheTarget()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    fps: 10\n    timeline:\n      - hold: {seconds: 1}\n      - morph: {to: tsne, seconds: 2}\n      - hold: {seconds: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();

        timeline.Evaluate(10, state);
        Assert.Equal(inputs.Layout("umap").Coordinates, state.Positions);
        Assert.Equal(("umap", "tsne", 0f), (state.LayoutName, state.TargetLayoutName, state.MorphProgress));

        timeline.EvaluateAt(3.0 - 1e-12, state);
        Assert.Equal(inputs.Layout("tsne").Coordinates, state.Positions);
        timeline.Evaluate(30, state);
        Assert.Equal(inputs.Layout("tsne").Coordinates, state.Positions);
        Assert.Equal(("tsne", (string?)null), (state.LayoutName, state.TargetLayoutName));
    }

    [Theory]
    [InlineData("linear", 0.5)]
    [InlineData("ease-in", 0.125)]
    [InlineData("ease-out", 0.875)]
    [InlineData("ease-in-out", 0.5)]
    public void Morph_Midpoint_FollowsTheEasing(string easing, double progress)
    {
        VideoOutputSpec video = _fixture.Video($"    layout: umap\n    fps: 10\n    timeline:\n      - morph: {{to: tsne, seconds: 2, easing: {easing}}}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();

        timeline.Evaluate(10, state);

        float[] a = inputs.Layout("umap").Coordinates, b = inputs.Layout("tsne").Coordinates;
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i] + (b[i] - a[i]) * progress, state.Positions[i], 1e-4);
        }

        Assert.Equal(progress, state.MorphProgress, 6);
    }

    [Fact]
    public void EaseInOut_IsSymmetricAndEndsAtRest()
    {
        Assert.Equal(0.5, EasingCurves.Apply(Easing.EaseInOut, 0.5), 12);
        Assert.Equal(1 - EasingCurves.Apply(Easing.EaseInOut, 0.2), EasingCurves.Apply(Easing.EaseInOut, 0.8), 12);
        Assert.True(EasingCurves.Apply(Easing.EaseInOut, 0.01) < 1e-5);
        Assert.Equal((0.0, 1.0), (EasingCurves.Apply(Easing.EaseIn, -1), EasingCurves.Apply(Easing.EaseIn, 2)));
    }

    [Theory]
    [InlineData("label")]
    [InlineData("cluster")]
    public void Stagger_TheFirstGroupMovesBeforeTheLast(string by)
    {
        VideoOutputSpec video = _fixture.Video($"    layout: umap\n    fps: 10\n    timeline:\n      - morph: {{to: tsne, seconds: 4, easing: linear, stagger: {by}, stagger_spread: 0.5}}\n      - hold: {{seconds: 1}}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2, groups: 4);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();
        float[] a = inputs.Layout("umap").Coordinates, b = inputs.Layout("tsne").Coordinates;

        // Group 0 is item 0, group 3 item 3. Spread 0.5 over 4 groups: group 3 starts at t = 0.5.
        timeline.Evaluate(8, state);
        double Progress(int item) => (state.Positions[item * 2] - a[item * 2]) / (b[item * 2] - a[item * 2]);
        Assert.Equal(0.2 / 0.5, Progress(0), 4);
        Assert.Equal(0.0, Progress(3), 6);

        timeline.Evaluate(30, state);
        Assert.Equal(1.0, Progress(0), 6);
        Assert.True(Progress(3) is > 0 and < 1, $"{Progress(3)}");

        timeline.Evaluate(40, state);
        Assert.Equal(b, state.Positions);
    }

    [Fact]
    public void FollowingCamera_KeepsEveryPointInViewThroughAMorph()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    size: [640, 360]\n    fps: 10\n    timeline:\n      - morph: {to: tsne, seconds: 3, stagger: label}\n");
        Timeline timeline = Timeline.Build(video, TimelineFixture.Inputs(Items, 2));
        FrameState state = timeline.CreateState();
        double aspect = 640.0 / 360;

        for (int frame = 0; frame < timeline.FrameCount; frame++)
        {
            timeline.Evaluate(frame, state);
            CameraPose camera = state.Camera;
            Assert.False(camera.Perspective);
            for (int i = 0; i < Items; i++)
            {
                Assert.InRange(state.Positions[i * 2], camera.X - camera.Size * aspect / 2, camera.X + camera.Size * aspect / 2);
                Assert.InRange(state.Positions[i * 2 + 1], camera.Y - camera.Size / 2, camera.Y + camera.Size / 2);
            }
        }
    }

    [Fact]
    public void CameraStep_ZoomsToAClusterStaysThereAndReturnsToFit()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    fps: 10\n    timeline:\n      - hold: {seconds: 1}\n      - camera: {to: {cluster: 1}, seconds: 1}\n"
            + "      - morph: {to: tsne, seconds: 1}\n      - camera: {to: fit, seconds: 1}\n      - camera: {to: {center: [3, 4], height: 2}, seconds: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2);
        // Cluster 1 of umap: shrink it so its fit is clearly smaller than the whole layout's.
        float[] umap = inputs.Layout("umap").Coordinates;
        for (int i = 1; i < Items; i += 4)
        {
            umap[i * 2] = 2 + umap[i * 2] * 0.1f;
            umap[i * 2 + 1] = -3 + umap[i * 2 + 1] * 0.1f;
        }

        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();

        timeline.Evaluate(9, state);
        CameraPose whole = state.Camera;
        timeline.Evaluate(20, state);
        CameraPose zoomed = state.Camera;
        Assert.True(zoomed.Size < whole.Size / 5, $"{zoomed.Size} vs {whole.Size}");
        Assert.InRange(zoomed.X, 1, 3);
        Assert.InRange(zoomed.Y, -4, -2);
        timeline.Evaluate(25, state);
        Assert.Equal(zoomed, state.Camera);

        timeline.Evaluate(40, state);
        CameraPose refit = state.Camera;
        Assert.True(refit.Size > whole.Size, "t-SNE is the larger layout");
        timeline.EvaluateAt(5, state);
        Assert.Equal((3.0, 4.0, 2.0), (state.Camera.X, state.Camera.Y, Math.Round(state.Camera.Size, 9)));
    }

    [Fact]
    public void CameraStep_ToAMissingCluster_NamesTheStep()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    timeline:\n      - camera: {to: {cluster: 9}, seconds: 1}\n");

        var error = Assert.Throws<SceneException>(() => Timeline.Build(video, TimelineFixture.Inputs(Items, 2)));

        Assert.Equal(("outputs.v.timeline[0].camera.to", 20), (error.Key, error.Line));
        Assert.Contains("no cluster 9 (its clusters: 0 to 3)", error.Message);
    }

    [Fact]
    public void Orbit_KeepsTheDistanceToTheCentroid()
    {
        VideoOutputSpec video = _fixture.Video("    layout: u3\n    fps: 10\n    timeline:\n      - orbit: {seconds: 3, degrees: 360}\n      - hold: {seconds: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 3);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();
        float[] u3 = inputs.Layout("u3").Coordinates;
        var centroid = new System.Numerics.Vector3(
            Enumerable.Range(0, Items).Average(i => u3[i * 3]), Enumerable.Range(0, Items).Average(i => u3[i * 3 + 1]), Enumerable.Range(0, Items).Average(i => u3[i * 3 + 2]));

        timeline.Evaluate(0, state);
        float distance = (state.Camera.Eye - state.Camera.Target).Length();
        System.Numerics.Vector3 startEye = state.Camera.Eye;
        var eyes = new List<System.Numerics.Vector3>();
        for (int frame = 0; frame < timeline.FrameCount; frame++)
        {
            timeline.Evaluate(frame, state);
            Assert.True(state.Camera.Perspective);
            Assert.Equal(distance, (state.Camera.Eye - state.Camera.Target).Length(), distance * 1e-5f);
            Assert.True((state.Camera.Target - centroid).Length() < 1e-3f);
            eyes.Add(state.Camera.Eye);
        }

        Assert.True((eyes[15] - startEye).Length() > distance, "half way round the eye is across the circle");
        Assert.True((eyes[30] - startEye).Length() < distance * 1e-4f, "a full turn comes back");
        var view = Assert.IsType<RenderFarm.Core.Cameras.PerspectiveCamera>(state.Camera.ToView());
        view.Validate();
    }

    [Fact]
    public void Fade_ChangesOnlyItsOverlay()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    fps: 10\n    overlays: {title: Hello}\n    timeline:\n      - fade: {overlay: title, from: 0, to: 1, seconds: 1}\n      - fade: {overlay: legend, to: 0, seconds: 1}\n      - hold: {seconds: 1}\n");
        Timeline timeline = Timeline.Build(video, TimelineFixture.Inputs(Items, 2));
        FrameState state = timeline.CreateState();

        timeline.Evaluate(0, state);
        Assert.Equal([0f, 1f, 0f, 1f], state.OverlayOpacity);
        timeline.Evaluate(5, state);
        Assert.Equal(0.5f, state.Opacity(Overlay.Title), 5);
        timeline.Evaluate(15, state);
        Assert.Equal((1f, 0.5f), (state.Opacity(Overlay.Title), state.Opacity(Overlay.Legend)));
        timeline.Evaluate(25, state);
        Assert.Equal([1f, 0f, 0f, 1f], state.OverlayOpacity);
    }

    [Fact]
    public void Build_IsDeterministic()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    fps: 10\n    timeline:\n      - morph: {to: tsne, seconds: 2, stagger: cluster}\n");
        Timeline first = Timeline.Build(video, TimelineFixture.Inputs(Items, 2)), second = Timeline.Build(video, TimelineFixture.Inputs(Items, 2));
        FrameState a = first.CreateState(), b = second.CreateState();

        first.Evaluate(7, a);
        second.Evaluate(7, b);

        Assert.Equal(a.Positions, b.Positions);
        Assert.Equal(a.Camera, b.Camera);
    }
}

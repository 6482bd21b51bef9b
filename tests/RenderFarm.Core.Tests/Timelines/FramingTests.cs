using RenderFarm.Core.Cameras;
using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;

namespace RenderFarm.Core.Tests.Timelines;

public sealed class FramingTests : IDisposable
{
    private readonly TimelineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Fit_2D_CentresTheBoundsWithAMargin()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    size: [400, 200]\n    timeline:\n      - hold: {seconds: 1}\n");
        float[] positions = [-1, 0, 3, 1, 0, 2];

        CameraPose pose = Framing.Fit(video, positions, 2);

        // Width 4 on a 2:1 frame needs height 2; the points span 2 high too; 10 % margin.
        Assert.Equal((1.0, 1.0, 2.2), (pose.X, pose.Y, Math.Round(pose.Size, 9)));
        Assert.Equal(new OrthographicCamera(1, 1, pose.Size), pose.ToView());
    }

    [Fact]
    public void Fit_Terrain_LooksAtTheCentroidFromAbove()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    style: terrain\n    timeline:\n      - hold: {seconds: 1}\n");
        float[] positions = [0, 0, 4, 0, 4, 4, 0, 4];

        CameraPose pose = Framing.Fit(video, positions, 2);

        Assert.True(pose.Perspective);
        Assert.Equal(new System.Numerics.Vector3(2, 2, 0), pose.Target);
        Assert.True(pose.Eye.Z > 0 && pose.Eye.Y < 2, $"{pose.Eye}");
        var view = (PerspectiveCamera)pose.ToView();
        Assert.Same(view, view.Validate());
    }

    [Fact]
    public void TimelineFollowsTheSameFraming()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    timeline:\n      - morph: {to: tsne, seconds: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(50, 2);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();

        timeline.Evaluate(0, state);

        Assert.Equal(Framing.Fit(video, inputs.Layout("umap").Coordinates, 2), state.Camera);
    }
}

using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;

namespace RenderFarm.Core.Tests.Timelines;

public sealed class TimelineSequenceTests : IDisposable
{
    private const int Items = 120;
    private readonly TimelineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Requirements_ListEveryLayoutAndSequenceOnce()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    timeline:\n      - morph: {to: tsne, seconds: 1}\n      - morph: {from: umap, to: tsne, seconds: 1}\n"
            + "      - sweep: {layout: umap, parameter: n_neighbors, values: [5, 50], seconds_each: 1}\n      - replay: {layout: tsne, every: 20, seconds: 2}\n");

        IReadOnlyList<CoordinateRequest> requests = TimelineRequirements.For(video);

        Assert.Equal(
            [new LayoutRequest("umap"), new LayoutRequest("tsne"), new ReplayRequest("tsne.replay/20", "tsne", 20)],
            requests.Where(r => r is not SweepRequest));
        var sweep = Assert.Single(requests.OfType<SweepRequest>());
        Assert.Equal(("umap.n_neighbors=5,50", "umap", "n_neighbors"), (sweep.Name, sweep.Layout, sweep.Parameter));
        Assert.Equal([5.0, 50.0], sweep.Values);
    }

    [Fact]
    public void Sweep_MorphsFromTheLayoutOnScreenThroughEachValueInOrder()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    fps: 10\n    timeline:\n      - sweep: {layout: umap, parameter: n_neighbors, values: [5, 50], seconds_each: 1}\n      - hold: {seconds: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2);
        var five = new NamedCoordinates("umap n_neighbors=5", TimelineFixture.Random(Items, 2, 5));
        var fifty = new NamedCoordinates("umap n_neighbors=50", TimelineFixture.Random(Items, 2, 50));
        inputs.AddSequence("umap.n_neighbors=5,50", [five, fifty]);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();

        Assert.Equal(30, timeline.FrameCount);
        timeline.Evaluate(0, state);
        Assert.Equal(inputs.Layout("umap").Coordinates, state.Positions);
        Assert.Equal(("umap", "umap n_neighbors=5"), (state.LayoutName, state.TargetLayoutName));
        timeline.Evaluate(10, state);
        Assert.Equal(five.Coordinates, state.Positions);
        Assert.Equal(("umap n_neighbors=5", "umap n_neighbors=50"), (state.LayoutName, state.TargetLayoutName));
        timeline.Evaluate(20, state);
        Assert.Equal(fifty.Coordinates, state.Positions);
        Assert.Equal("umap n_neighbors=50", state.LayoutName);
    }

    [Fact]
    public void Sweep_WithTheWrongNumberOfSets_IsRefused()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    timeline:\n      - sweep: {layout: umap, parameter: min_dist, values: [0.1, 0.5, 0.9], seconds_each: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2).AddSequence("umap.min_dist=0.1,0.5,0.9", [new NamedCoordinates("x", TimelineFixture.Random(Items, 2, 9))]);

        var error = Assert.Throws<ArgumentException>(() => Timeline.Build(video, inputs));

        Assert.Contains("needs 3 sets, the inputs hold 1", error.Message);
    }

    [Fact]
    public void Replay_PlaysTheSnapshotsEvenlyAndEndsOnTheLayout()
    {
        VideoOutputSpec video = _fixture.Video("    layout: umap\n    fps: 10\n    timeline:\n      - replay: {layout: tsne, every: 50, seconds: 3}\n      - hold: {seconds: 1}\n");
        TimelineInputs inputs = TimelineFixture.Inputs(Items, 2);
        NamedCoordinates[] snapshots = [.. Enumerable.Range(0, 3).Select(k => new NamedCoordinates($"tsne iteration {k * 50}", TimelineFixture.Random(Items, 2, 100 + k)))];
        inputs.AddSequence("tsne.replay/50", snapshots);
        Timeline timeline = Timeline.Build(video, inputs);
        FrameState state = timeline.CreateState();

        // Three snapshots then the layout: three pieces of one second each, played linearly.
        timeline.Evaluate(0, state);
        Assert.Equal(snapshots[0].Coordinates, state.Positions);
        timeline.Evaluate(15, state);
        Assert.Equal("tsne iteration 50", state.LayoutName);
        Assert.Equal((snapshots[1].Coordinates[0] + snapshots[2].Coordinates[0]) / 2, state.Positions[0], 4);
        timeline.Evaluate(30, state);
        Assert.Equal(inputs.Layout("tsne").Coordinates, state.Positions);
        Assert.Equal("tsne", state.LayoutName);
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        VideoOutputSpec flat = _fixture.Video("    layout: umap\n    fps: 10\n    overlays: {title: T}\n    timeline:\n      - fade: {overlay: title, from: 0, to: 1, seconds: 1}\n"
            + "      - morph: {to: tsne, seconds: 1, stagger: cluster}\n      - camera: {to: {cluster: 2}, seconds: 1}\n      - morph: {to: umap, seconds: 1}\n"
            + "      - camera: {to: fit, seconds: 1}\n      - sweep: {layout: umap, parameter: spread, values: [1, 2], seconds_each: 1}\n");
        TimelineInputs flatInputs = TimelineFixture.Inputs(Items, 2)
            .AddSequence("umap.spread=1,2", [new NamedCoordinates("a", TimelineFixture.Random(Items, 2, 7)), new NamedCoordinates("b", TimelineFixture.Random(Items, 2, 8))]);
        VideoOutputSpec deep = _fixture.Video("    layout: u3\n    fps: 10\n    timeline:\n      - morph: {to: t3, seconds: 1, stagger: label}\n      - orbit: {seconds: 1, degrees: 90}\n      - camera: {to: {center: [0, 0, 0], height: 3}, seconds: 1}\n");

        foreach ((VideoOutputSpec video, TimelineInputs inputs) in new[] { (flat, flatInputs), (deep, TimelineFixture.Inputs(Items, 3)) })
        {
            Timeline timeline = Timeline.Build(video, inputs);
            FrameState state = timeline.CreateState();
            for (int frame = 0; frame < timeline.FrameCount; frame++)
            {
                timeline.Evaluate(frame, state);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int frame = 0; frame < timeline.FrameCount; frame++)
            {
                timeline.Evaluate(frame, state);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }
}

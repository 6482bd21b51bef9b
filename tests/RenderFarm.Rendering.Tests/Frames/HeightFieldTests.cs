using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Frames;

/// <summary>The terrain surface's grid, on the CPU: where the ground lies against the items it is made from.</summary>
public sealed class HeightFieldTests
{
    [Fact]
    public void Ground_FollowsATiltedPlaneJustBelowItAndFallsToTheLowestItemAtTheEdges()
    {
        // 30 × 30 items on z = 2 + 0.1·x, x and y in [0, 29].
        var layer = Layer(30, (x, y) => 2 + 0.1f * x, (x, y) => Palette.ForIndex(0));
        var field = Build(layer, 128);

        for (float x = 5; x <= 24; x += 4.75f)
        {
            float plane = 2 + 0.1f * x, ground = Sample(field, x, 14.5f);
            Assert.InRange(ground, plane - 0.35f, plane);
        }
        // Corners of the grid lie outside the items' square, where the ground is down at the lowest
        // item (z = 2), within 5 % of the items' height range (2 to 4.9), on the high side as on the low.
        Assert.Equal(2, field.Heights[0], 0.145);
        Assert.Equal(2, field.Heights[^1], 0.145);
    }

    [Fact]
    public void Ground_LiesUnderMostItems()
    {
        var random = new Random(5);
        var layer = Layer(40, (x, y) => (float)(1 + Math.Sin(x / 6.0) + 0.4 * random.NextDouble()), (x, y) => Palette.ForIndex(1));
        var field = Build(layer, 192);

        var xyz = layer.Positions.Span;
        int under = 0;
        for (int i = 0; i < layer.Count; i++)
            under += Sample(field, xyz[3 * i], xyz[3 * i + 1]) <= xyz[3 * i + 2] ? 1 : 0;
        Assert.True(under > layer.Count * 0.75, $"{under} of {layer.Count} items stand on or above the ground");
    }

    [Fact]
    public void Colors_BlendTheItemsHalfwayToTheBase()
    {
        // Red items on the left half, blue on the right; a grey base.
        Rgba8 red = new(220, 20, 20), blue = new(20, 20, 220), grey = new(128, 128, 128);
        var layer = Layer(30, (x, y) => 1, (x, y) => x < 15 ? red : blue);
        var field = new HeightField();
        field.Build(layer, new TerrainSurface { Resolution = 96, BaseColor = grey });

        var left = field.Colors[Node(field, 5, 15)];
        var right = field.Colors[Node(field, 24, 15)];
        Assert.True(left.R > left.B + 40 && left.R < red.R, $"left {left}");
        Assert.True(right.B > right.R + 40 && right.B < blue.B, $"right {right}");
        // Far from the items the ground shows the base colour.
        Pixels.AssertNear(grey, field.Colors[0], 2, "corner");
    }

    /// <summary>The field is kept while the items stay (an orbit) and built again as soon as they move or recolour.</summary>
    [Fact]
    public void Build_FollowsTheItemsFrameAfterFrame()
    {
        var field = new HeightField();
        var surface = new TerrainSurface { Resolution = 64 };
        PointLayer[] frames =
        [
            Layer(20, (x, y) => 1, (x, y) => Palette.ForIndex(0)),
            Layer(20, (x, y) => 1, (x, y) => Palette.ForIndex(0)),
            Layer(20, (x, y) => 1 + 0.1f * x, (x, y) => Palette.ForIndex(0)),
            Layer(20, (x, y) => 1 + 0.1f * x, (x, y) => Palette.ForIndex(2)),
        ];
        foreach (PointLayer frame in frames)
        {
            field.Build(frame, surface);
            HeightField fresh = Build(frame, 64);
            Assert.Equal(fresh.Heights, field.Heights);
            Assert.Equal(fresh.Colors, field.Colors);
        }

        // The frames did differ: a kept field would have failed above.
        Assert.NotEqual(Build(frames[0], 64).Heights, field.Heights);
        Assert.NotEqual(Build(frames[2], 64).Colors, field.Colors);
    }

    private static PointLayer Layer(int side, Func<int, int, float> height, Func<int, int, Rgba8> color)
    {
        var xyz = new List<float>();
        var colors = new List<Rgba8>();
        for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++)
        {
            xyz.AddRange([x, y, height(x, y)]);
            colors.Add(color(x, y));
        }
        return new PointLayer { Positions = xyz.ToArray(), Dimensions = 3, Colors = colors.ToArray(), Shading = PointShading.Sphere };
    }

    private static HeightField Build(PointLayer layer, int resolution)
    {
        var field = new HeightField();
        field.Build(layer, new TerrainSurface { Resolution = resolution });
        return field;
    }

    private static int Node(HeightField field, float x, float y)
    {
        int i = (int)MathF.Round((x - field.Origin.X) / field.Cell.X), j = (int)MathF.Round((y - field.Origin.Y) / field.Cell.Y);
        return j * field.Resolution + i;
    }

    /// <summary>The ground's height at (x, y), bilinear between nodes as the rasteriser interpolates it.</summary>
    private static float Sample(HeightField field, float x, float y)
    {
        float gx = (x - field.Origin.X) / field.Cell.X, gy = (y - field.Origin.Y) / field.Cell.Y;
        int i = (int)gx, j = (int)gy, r = field.Resolution;
        float fx = gx - i, fy = gy - j;
        float Height(int a, int b) => field.Heights[b * r + a];
        return (1 - fy) * ((1 - fx) * Height(i, j) + fx * Height(i + 1, j)) + fy * ((1 - fx) * Height(i, j + 1) + fx * Height(i + 1, j + 1));
    }
}

using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;
using RenderFarm.Rendering.Managed;

namespace RenderFarm.Rendering.Tests.Managed;

public sealed class ManagedPartsTests
{
    [Fact]
    public void EveryByteSurvivesDecodingAndEncoding()
    {
        // An opaque colour must come back as its own bytes, as it does through the sRGB target.
        for (int b = 0; b < 256; b++) Assert.Equal(b, SrgbTables.EncodeByte(SrgbTables.Decode[b]));
    }

    [Fact]
    public void FilteredValuesDecodeWithinAFifteenthOfAStampStep()
    {
        // Between the table's steps too (a prime stride lands everywhere in them), and at both ends.
        float worst = 0;
        for (int i = 0; i <= 1_000_003; i += 7) worst = Math.Max(worst, Math.Abs(SrgbTables.ToLinearFiltered(i / 1_000_003f) - (float)Srgb.ToLinear(i / 1_000_003f)));
        Assert.True(worst <= 1e-6f, $"off by up to {worst}");
        Assert.Equal(0f, SrgbTables.ToLinearFiltered(-0.5f));
        Assert.Equal(1f, SrgbTables.ToLinearFiltered(1.5f), 6);
    }

    [Theory]
    [InlineData("managed", RenderPath.Managed)]
    [InlineData(" Managed ", RenderPath.Managed)]
    [InlineData("compute", RenderPath.Compute)]
    [InlineData(null, RenderPath.Auto)]
    public void TheEnvironmentNamesThePath(string? value, RenderPath expected) => Assert.Equal(expected, RenderPaths.Parse(value));

    [Fact]
    public void AnUnknownPathIsAnErrorThatListsTheChoices()
    {
        var error = Assert.Throws<RenderingException>(() => RenderPaths.Parse("cpu"));
        Assert.Contains("managed", error.Message);
    }

    [Theory]
    [InlineData(12f, 13)]
    [InlineData(11.5f, 12)]
    [InlineData(1f, 2)]
    public void SpriteStampsCoverEveryPhase(float side, int footprint)
    {
        // A sprite edge anywhere in its first pixel: the pixel centres it covers fit the footprint.
        Assert.Equal(footprint, Stamp.FootprintForSide(side));
        var discs = new DiscStamps(12, 4);
        Assert.Equal(discs.Footprint, DiscStamps.FootprintFor(12));
        Assert.True(discs.Reach >= 7, "a 12 px disc's edge ramps out to 6.5 px from a centre anywhere in its pixel");
    }
}

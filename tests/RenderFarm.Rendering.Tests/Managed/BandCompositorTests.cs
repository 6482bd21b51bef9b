using RenderFarm.Rendering.Managed;

namespace RenderFarm.Rendering.Tests.Managed;

/// <summary>
/// The compositor's 16-bit fixed-point blend: the same bytes at every vector width (CI machines
/// may lack AVX-512, others AVX2), and within a step or two of the exact "over" per blend.
/// </summary>
public sealed unsafe class BandCompositorTests
{
    private const int Width = 61, Size = 13;

    public static TheoryData<int> Widths => [8, 4];

    [Theory]
    [MemberData(nameof(Widths))]
    public void EveryVectorWidthBlendsTheSameBytesAsOnePixelAtATime(int vectorPixels)
    {
        if (!BandCompositor.Runs(vectorPixels)) return; // this machine lacks that width; the others still compare
        Assert.Equal(Composite(1), Composite(vectorPixels));
    }

    [Fact]
    public void ATransparentStampLeavesTheBandAsItWas()
    {
        var compositor = new BandCompositor(Width);
        ulong background = Pixel(1234, 40000, 65535, 65535);
        compositor.Clear(1, background);
        var stamp = new Stamp(Size, hasColor: true, hasMask: false, new StampMemory(Stamp.Length(Size, true, false)), 0);
        for (int i = 0; i < 50; i++) compositor.BlendColor(stamp.Pixels, stamp.Stride, compositor.Span(Size), 0, 1, 20);
        for (int x = 0; x < Width; x++) Assert.Equal(background, ((ulong*)compositor.Row(0))[x]);
    }

    [Theory]
    [InlineData(1f, 0.2f, 0.9f, 1f)]
    [InlineData(0.5f, 0.25f, 0.1f, 0.5f)]
    [InlineData(0.02f, 0.001f, 0f, 0.03f)]
    public void OneBlendIsWithinTwoStepsOfTheExactOver(float r, float g, float b, float a)
    {
        float[] under = [0.8f, 0.004f, 0.3f, 1f];
        var compositor = new BandCompositor(Width);
        compositor.Clear(1, Pixel(Stamp.Quantise(under[0]), Stamp.Quantise(under[1]), Stamp.Quantise(under[2]), Stamp.Quantise(under[3])));
        var stamp = new Stamp(Size, hasColor: true, hasMask: false, new StampMemory(Stamp.Length(Size, true, false)), 0);
        stamp.SetColor(0, 3, r, g, b, a);
        compositor.BlendColor(stamp.Pixels, stamp.Stride, compositor.Span(Size), 0, 1, 10);
        ushort* blended = compositor.Row(0) + 13 * 4;
        float[] source = [r, g, b, a];
        for (int c = 0; c < 4; c++)
        {
            float exact = Math.Min(1f, source[c] + under[c] * (1 - a)) * 65535;
            Assert.True(Math.Abs(blended[c] - exact) <= 2, $"channel {c}: {blended[c]} against {exact:F1}");
        }
    }

    [Fact]
    public void EverySixteenBitByteOfAnOpaqueColourEncodesToItself()
    {
        for (int b = 0; b < 256; b++) Assert.Equal(b, SrgbTables.Encode16[Stamp.Quantise(SrgbTables.Decode[b])]);
    }

    /// <summary>Colour, mask and bordered stamps of seeded random values over a translucent band, rows hanging off both edges, encoded.</summary>
    private static byte[] Composite(int vectorPixels)
    {
        var random = new Random(5);
        var compositor = new BandCompositor(Width, vectorPixels);
        compositor.Clear(BandCompositor.BandHeight, Pixel(3000, 20000, 50000, 40000));
        var memory = new StampMemory(3L * Stamp.Length(Size, true, true));
        var colour = new Stamp(Size, hasColor: true, hasMask: false, memory, 0);
        var mask = new Stamp(Size, hasColor: false, hasMask: true, memory, Stamp.Length(Size, true, true));
        var bordered = new Stamp(Size, hasColor: true, hasMask: true, memory, 2L * Stamp.Length(Size, true, true));
        for (int row = 0; row < Size; row++)
        for (int col = 0; col < Size; col++)
        {
            float a = random.NextSingle();
            colour.SetColor(row, col, random.NextSingle() * a, random.NextSingle() * a, random.NextSingle() * a, a);
            mask.SetMask(row, col, random.NextSingle());
            bordered.SetColor(row, col, random.NextSingle() * a / 2, random.NextSingle() * a / 2, random.NextSingle() * a / 2, a / 2);
            bordered.SetMask(row, col, random.NextSingle() / 2);
        }
        int span = compositor.Span(Size);
        for (int i = 0; i < 60; i++)
        {
            int x = random.Next(-Size + 1, Width), row = random.Next(0, BandCompositor.BandHeight - 3), rows = random.Next(1, 4);
            ulong tint = Pixel((ushort)random.Next(30000), (ushort)random.Next(30000), (ushort)random.Next(30000), (ushort)random.Next(30000, 65536));
            switch (i % 3)
            {
                case 0: compositor.BlendColor(colour.Pixels, colour.Stride, span, row, rows, x); break;
                case 1: compositor.BlendMask(mask.Pixels + mask.MaskStart, mask.Stride, span, row, rows, x, tint); break;
                default: compositor.BlendBordered(bordered.Pixels, bordered.Pixels + bordered.MaskStart, bordered.Stride, span, row, rows, x, tint); break;
            }
        }
        var rgba = new byte[Width * BandCompositor.BandHeight * 4];
        compositor.Encode(BandCompositor.BandHeight, rgba, alpha: true);
        return rgba;
    }

    private static ulong Pixel(ushort r, ushort g, ushort b, ushort a) => r | (ulong)g << 16 | (ulong)b << 32 | (ulong)a << 48;
}

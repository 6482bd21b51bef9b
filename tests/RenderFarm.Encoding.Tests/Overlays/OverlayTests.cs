using RenderFarm.Core.Colors;
using RenderFarm.Encoding.Overlays;
using SkiaSharp;

namespace RenderFarm.Encoding.Tests.Overlays;

public sealed class OverlayTests
{
    private const int Width = 640;
    private const int Height = 360;

    private static readonly OverlaySpec Spec = new()
    {
        Title = "Fashion-MNIST — UMAP",
        Legend = [new("T-shirt/top", Palette.ForIndex(0)), new("Trouser", Palette.ForIndex(1)), new("Ankle boot", Palette.ForIndex(9))],
        Labels = [new("Sneaker", 200, 200), new("Bag", 420, 260)],
        Caption = OverlayCaption.ForLayout("umap", [new("T(15)", 0.978), new("10-NN accuracy", 0.768)]),
    };

    [Fact]
    public void Draw_Title_ChangesGlyphShapedPixels()
    {
        byte[] frame = Background();
        byte[] before = (byte[])frame.Clone();

        OverlayCanvas.Draw(frame, Width, Height, new OverlaySpec { Title = "Fashion-MNIST" });

        // The title sits top left within the first ~40 rows at this height: some pixels change (ink),
        // many do not (counters, gaps between letters), and some change partly (antialiasing).
        int changed = 0, total = 0, partial = 0;
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 300; x++)
            {
                int i = (y * Width + x) * 4;
                total++;
                int delta = Math.Abs(frame[i] - before[i]) + Math.Abs(frame[i + 1] - before[i + 1]) + Math.Abs(frame[i + 2] - before[i + 2]);
                changed += delta > 0 ? 1 : 0;
                partial += delta is > 30 and < 300 ? 1 : 0;
            }
        }

        Assert.InRange(changed / (double)total, 0.08, 0.8);
        Assert.True(partial > 50, $"{partial} antialiased pixels");
        Assert.Equal(before.AsSpan(Width * 4 * 100), frame.AsSpan(Width * 4 * 100)); // nothing below the title
    }

    [Fact]
    public void Render_LegendSwatches_HoldThePaletteColours()
    {
        byte[] frame = Background();
        OverlayLayer layer = OverlayLayer.Render(Spec, Width, Height);
        layer.CompositeOnto(frame);

        IReadOnlyList<SKRect> swatches = OverlayPainter.LegendSwatches(Spec, Width, Height);
        Assert.Equal(3, swatches.Count);
        for (int i = 0; i < swatches.Count; i++)
        {
            var centre = new SKPointI((int)swatches[i].MidX, (int)swatches[i].MidY);
            Assert.True(centre.X > Width / 2, "legend is on the right");
            int p = (centre.Y * Width + centre.X) * 4;
            Rgba8 expected = Spec.Legend[i].Color;
            Assert.Equal((expected.R, expected.G, expected.B, (byte)255), (frame[p], frame[p + 1], frame[p + 2], frame[p + 3]));
        }
    }

    [Fact]
    public void OpacityZero_LeavesTheFrameUnchanged()
    {
        byte[] composited = Background();
        byte[] drawn = Background();

        OverlayLayer.Render(Spec, Width, Height).CompositeOnto(composited, opacity: 0);
        OverlayCanvas.Draw(drawn, Width, Height, Spec, opacity: 0);

        Assert.Equal(Background(), composited);
        Assert.Equal(Background(), drawn);
    }

    [Theory]
    [InlineData(1.0f)]
    [InlineData(0.5f)]
    public void CompositeOnto_EqualsSkiaCompositingTheSameLayer_WithinOne(float opacity)
    {
        OverlayLayer layer = OverlayLayer.Render(Spec, Width, Height);
        byte[] ours = Background();
        byte[] skia = Background();

        layer.CompositeOnto(ours, opacity);
        DrawLayerWithSkia(layer, skia, opacity);

        Assert.True(MaxDifference(ours, skia) <= 1, $"largest difference {MaxDifference(ours, skia)}");
        Assert.NotEqual(Background(), ours);
        Assert.True(layer.CoveredBlocks.Sum(b => b.Width * b.Height) < Width * Height / 2, "only covered blocks are blended");
    }

    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.73f)]
    public void CompositeOnto_AnyOpacity_WithinRoundingOfExactSourceOver(float opacity)
    {
        OverlayLayer layer = OverlayLayer.Render(Spec, Width, Height);
        byte[] frame = Background();
        byte[] before = Background();

        layer.CompositeOnto(frame, opacity);

        // Exact: out = src·o + dst·(1 − srcA·o) with o the 8-bit opacity; ours rounds three times (≤ 1.5).
        double o = Math.Round(opacity * 255) / 255;
        ReadOnlySpan<byte> source = layer.Pixels;
        double worst = 0;
        for (int p = 0; p < frame.Length; p += 4)
        {
            double alpha = source[p + 3] / 255.0 * o;
            for (int c = 0; c < 4; c++)
            {
                double exact = source[p + c] * o + before[p + c] * (1 - alpha);
                worst = Math.Max(worst, Math.Abs(frame[p + c] - exact));
            }
        }

        Assert.True(worst <= 1.5, $"largest difference from exact {worst:0.###}");
    }

    [Theory]
    [InlineData(1.0f)]
    [InlineData(0.5f)]
    public void CompositeOnto_MatchesSkiaDrawingDirectly(float opacity)
    {
        byte[] composited = Background();
        byte[] drawn = Background();

        OverlayLayer.Render(Spec, Width, Height).CompositeOnto(composited, opacity);
        OverlayCanvas.Draw(drawn, Width, Height, Spec, opacity);

        // Halo, fill and panel blend in a different order (inside the 8-bit premultiplied layer, then onto
        // the frame) than when drawn directly, so a few pixels round 2 apart; almost all agree within 1.
        int over1 = 0;
        for (int i = 0; i < drawn.Length; i++)
        {
            over1 += Math.Abs(drawn[i] - composited[i]) > 1 ? 1 : 0;
        }

        Assert.True(MaxDifference(drawn, composited) <= 2, $"largest difference {MaxDifference(drawn, composited)}");
        Assert.True(over1 < drawn.Length / 1000, $"{over1} bytes differ by more than 1");
    }

    [Fact]
    public void Draw_LabelHalo_ReadsOnDarkAndLightBackgrounds()
    {
        var spec = new OverlaySpec { Labels = [new("Coat", 100, 60)] };
        foreach (byte shade in new byte[] { 0, 255 })
        {
            byte[] frame = Enumerable.Repeat(shade, Width * Height * 4).ToArray();

            OverlayCanvas.Draw(frame, Width, Height, spec);

            // Both the dark fill and the light halo appear around the label, whatever the background.
            bool dark = false, light = false;
            for (int y = 40; y < 80; y++)
            {
                for (int x = 60; x < 140; x++)
                {
                    int r = frame[(y * Width + x) * 4];
                    dark |= r < 60;
                    light |= r > 200;
                }
            }

            Assert.True(dark && light, $"background {shade}: dark {dark}, light {light}");
        }
    }

    [Fact]
    public void Draw_PosterTilesWithOffsets_EqualsDrawingTheWholeImage()
    {
        byte[] whole = Background();
        OverlayCanvas.Draw(whole, Width, Height, Spec);

        // Tiles that cut through the title, the legend and a label: text must continue across the seams.
        byte[] stitched = Background();
        const int tileWidth = 250, tileHeight = 150;
        for (int top = 0; top < Height; top += tileHeight)
        {
            for (int left = 0; left < Width; left += tileWidth)
            {
                int w = Math.Min(tileWidth, Width - left), h = Math.Min(tileHeight, Height - top);
                var tile = new byte[w * h * 4];
                for (int y = 0; y < h; y++)
                {
                    stitched.AsSpan(((top + y) * Width + left) * 4, w * 4).CopyTo(tile.AsSpan(y * w * 4));
                }

                OverlayCanvas.Draw(tile, w, h, Spec, imageWidth: Width, imageHeight: Height, offsetX: left, offsetY: top);
                for (int y = 0; y < h; y++)
                {
                    tile.AsSpan(y * w * 4, w * 4).CopyTo(stitched.AsSpan(((top + y) * Width + left) * 4));
                }
            }
        }

        Assert.True(MaxDifference(whole, stitched) <= 1, $"largest difference {MaxDifference(whole, stitched)}");
    }

    [Fact]
    public void Render_DoubleFrameHeight_CoversAboutFourTimesThePixels()
    {
        var spec = new OverlaySpec { Title = "Fashion-MNIST", Caption = "umap · T(15) 0.978" };

        static long Ink(OverlayLayer layer)
        {
            long sum = 0;
            ReadOnlySpan<byte> pixels = layer.Pixels;
            for (int i = 3; i < pixels.Length; i += 4)
            {
                sum += pixels[i];
            }

            return sum;
        }

        double ratio = Ink(OverlayLayer.Render(spec, 1280, 720)) / (double)Ink(OverlayLayer.Render(spec, 640, 360));

        Assert.InRange(ratio, 3.5, 4.5);
    }

    [Fact]
    public void Fonts_AreEmbedded_AndNamedDejaVu()
    {
        Assert.Equal("DejaVu Sans", OverlayFonts.Regular.FamilyName);
        Assert.True(OverlayFonts.Bold.FontWeight > OverlayFonts.Regular.FontWeight);
    }

    private static int MaxDifference(byte[] a, byte[] b)
    {
        int worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }

    private static unsafe void DrawLayerWithSkia(OverlayLayer layer, byte[] frame, float opacity)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        fixed (byte* target = frame)
        fixed (byte* source = layer.Pixels)
        {
            using var surface = SKSurface.Create(info, (IntPtr)target, Width * 4);
            using var pixmap = new SKPixmap(info, (IntPtr)source, Width * 4);
            using var image = SKImage.FromPixels(pixmap);
            using var paint = new SKPaint { Color = SKColors.White.WithAlpha((byte)MathF.Round(opacity * 255)) };
            surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
            surface.Canvas.Flush();
        }
    }

    /// <summary>An opaque gradient, so blending errors show against varied colours.</summary>
    private static byte[] Background()
    {
        var frame = new byte[Width * Height * 4];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int i = (y * Width + x) * 4;
                frame[i] = (byte)(x * 255 / Width);
                frame[i + 1] = (byte)(y * 255 / Height);
                frame[i + 2] = (byte)(128 + x % 64);
                frame[i + 3] = 255;
            }
        }

        return frame;
    }
}

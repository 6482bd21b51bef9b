using RenderFarm.Embedding.Decoding;
using RenderFarm.Embedding.Onnx;

using RenderFarm.Core.Scenes;

namespace RenderFarm.Embedding.Tests.Onnx;

/// <summary>Prepared floats checked against values computed by hand from known pixels.</summary>
public class OnnxPreprocessingTests
{
    private static readonly float[] ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    // Pixel (x, y) of the 4x4 test image: red encodes x, green y, blue is constant.
    private static readonly DecodedImage Image4 = TestImages.Rgba(4, 4, (x, y) => ((byte)(x * 60), (byte)(y * 50 + 10), 200, 255));

    private static float Clip(float value, int channel) => ((value / 255f) - ClipMean[channel]) / ClipStd[channel];

    [Fact]
    public void NchwRgbWithClipDefaults()
    {
        using var embedder = Open("identity-flatten.onnx");

        float[] input = TestImages.Prepared(embedder, Image4);

        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                int i = (y * 4) + x;
                Assert.Equal(Clip(x * 60, 0), input[i], 5);
                Assert.Equal(Clip((y * 50) + 10, 1), input[16 + i], 5);
                Assert.Equal(Clip(200, 2), input[32 + i], 5);
            }
        }
    }

    [Fact]
    public void OutputDirectionMatchesHandComputedVector()
    {
        using var embedder = Open("identity-flatten.onnx", normalize: true);
        var expected = new float[48];
        for (int i = 0; i < 16; i++)
        {
            expected[i] = Clip(i % 4 * 60, 0);
            expected[16 + i] = Clip((i / 4 * 50) + 10, 1);
            expected[32 + i] = Clip(200, 2);
        }

        float norm = MathF.Sqrt(expected.Sum(v => v * v));
        float[] output = TestImages.Embed(embedder, Image4);

        for (int i = 0; i < 48; i++)
        {
            Assert.Equal(expected[i] / norm, output[i], 5);
        }
    }

    [Fact]
    public void BgrSwapsTheOuterChannels()
    {
        using var embedder = Open("identity-flatten.onnx", options: o => o with { ChannelOrder = ChannelOrder.Bgr });

        float[] input = TestImages.Prepared(embedder, Image4);

        // Mean and std stay attached to their colour: blue first, with blue's statistics.
        Assert.Equal(Clip(200, 2), input[0], 5);
        Assert.Equal(Clip(10, 1), input[16], 5);
        Assert.Equal(Clip(60, 0), input[32 + 1], 5);
    }

    [Fact]
    public void NhwcInterleavesChannels()
    {
        var image = TestImages.Rgba(8, 8, (x, y) => ((byte)(x * 30), (byte)(y * 30), 99, 255));
        using var embedder = Open("nhwc.onnx");

        float[] input = TestImages.Prepared(embedder, image);

        int pixel = (3 * 8) + 5; // x = 5, y = 3
        Assert.Equal(Clip(150, 0), input[pixel * 3], 5);
        Assert.Equal(Clip(90, 1), input[(pixel * 3) + 1], 5);
        Assert.Equal(Clip(99, 2), input[(pixel * 3) + 2], 5);
    }

    [Fact]
    public void AlphaIsFlattenedOverWhite()
    {
        var image = TestImages.Rgba(4, 4, (x, y) => (100, 0, 255, 51)); // alpha 0.2
        using var embedder = Open("identity-flatten.onnx");

        float[] input = TestImages.Prepared(embedder, image);

        Assert.Equal(Clip((100 * 0.2f) + (255 * 0.8f), 0), input[0], 4);
        Assert.Equal(Clip(255 * 0.8f, 1), input[16], 4);
        Assert.Equal(Clip(255, 2), input[32], 4);
    }

    [Fact]
    public void GrayImageIsReplicatedAndColourBecomesLuma()
    {
        var gray = TestImages.Gray(4, 4, (x, y) => (byte)(x * 50));
        using var colourModel = Open("identity-flatten.onnx");
        float[] replicated = TestImages.Prepared(colourModel, gray);
        Assert.Equal(Clip(150, 0), replicated[3], 5);
        Assert.Equal(Clip(150, 1), replicated[16 + 3], 5);
        Assert.Equal(Clip(150, 2), replicated[32 + 3], 5);

        // A 1-channel model gets luma, normalised with the channel-averaged mean and std.
        using var grayModel = Open("gray.onnx", options: o => o with { Mean = [0.5f], Std = [0.25f] });
        float[] luma = TestImages.Prepared(grayModel, Image4);
        float expected = (0.299f * 60) + (0.587f * 60) + (0.114f * 200); // pixel x = 1, y = 1
        Assert.Equal(16, grayModel.InputLength);
        Assert.Equal(((expected / 255f) - 0.5f) / 0.25f, luma[5], 4);
    }

    [Fact]
    public void CenterCropTakesTheMiddle()
    {
        // 8x4: shortest side is already 4, so only the crop acts: columns 2..5.
        var wide = TestImages.Rgba(8, 4, (x, y) => ((byte)(x * 30), 0, 0, 255));
        using var embedder = Open("identity-flatten.onnx");

        float[] input = TestImages.Prepared(embedder, wide);

        for (int x = 0; x < 4; x++)
        {
            Assert.Equal(Clip((x + 2) * 30, 0), input[x], 5);
        }
    }

    [Fact]
    public void ShortestSideResizeThenCropGivesModelSize()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip });
        var plan = new PreprocessingPlan
        {
            Width = 16, Height = 16, Channels = 3, Layout = TensorLayout.Nchw, Order = ChannelOrder.Rgb, CenterCrop = true,
            ShortestEdge = 16, RescaleFactor = 1f / 255, Mean = [0, 0, 0], Std = [1, 1, 1],
        };
        // Left half red, right half blue: after 64x32 -> 32x16 -> centre 16x16, the crop's left half is red.
        var image = TestImages.Rgba(64, 32, (x, y) => x < 32 ? ((byte)255, (byte)0, (byte)0, (byte)255) : ((byte)0, (byte)0, (byte)255, (byte)255));

        DecodedImage sized = ImagePreprocessor.Resize(plan, image);
        float[] input = TestImages.Prepared(embedder, image);

        Assert.Equal((16, 16), (sized.Width, sized.Height));
        Assert.Equal(255, sized.Pixels[(8 * 16 + 2) * 4]);
        Assert.Equal(255, sized.Pixels[((8 * 16 + 13) * 4) + 2]);
        Assert.Equal(3 * 16 * 16, input.Length);
        Assert.True(input[(8 * 16) + 2] > input[(8 * 16) + 13]);
    }

    [Fact]
    public void StretchWithoutCenterCrop()
    {
        using var embedder = Open("identity-flatten.onnx", options: o => o with { CenterCrop = false });
        var wide = TestImages.Rgba(8, 4, (x, y) => (x < 4 ? (byte)0 : (byte)255, 0, 0, 255));

        float[] input = TestImages.Prepared(embedder, wide);

        // The whole width is kept: the left column is dark and the right one bright.
        Assert.True(input[0] < Clip(60, 0));
        Assert.True(input[3] > Clip(200, 0));
        Assert.Equal(4, embedder.MinShortSide);
    }

    private static OnnxEmbedder Open(string model, bool normalize = false, Func<OnnxEmbedderOptions, OnnxEmbedderOptions>? options = null)
    {
        var baseOptions = new OnnxEmbedderOptions { ModelPath = TestModels.Model(model), Normalize = normalize };
        return OnnxEmbedder.Open(options is null ? baseOptions : options(baseOptions));
    }
}

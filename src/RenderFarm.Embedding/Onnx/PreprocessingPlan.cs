using System.Globalization;

using RenderFarm.Core.Scenes;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// The resolved preprocessing of one embedder: every value settled (overrides, config, model, defaults
/// already merged), so <see cref="ImagePreprocessor"/> only follows it and the cache key can list it.
/// </summary>
internal sealed record PreprocessingPlan
{
    /// <summary>Model input width: the size of every prepared image.</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required int Channels { get; init; }

    public required TensorLayout Layout { get; init; }

    public required ChannelOrder Order { get; init; }

    /// <summary>True: optional resize (below), then cut the centred Width × Height. False: stretch to Width × Height.</summary>
    public required bool CenterCrop { get; init; }

    /// <summary>Before cropping, scale so the shorter side is this long.</summary>
    public int? ShortestEdge { get; init; }

    /// <summary>Before cropping, scale to exactly this width (with <see cref="ResizeHeight"/>).</summary>
    public int? ResizeWidth { get; init; }

    public int? ResizeHeight { get; init; }

    public required float RescaleFactor { get; init; }

    /// <summary>One value per model channel, in R, G, B order for colour models.</summary>
    public required float[] Mean { get; init; }

    public required float[] Std { get; init; }

    public int InputLength => Width * Height * Channels;

    /// <summary>
    /// Short side an image needs so no step upscales: decoders may downscale to it. Exact resizes
    /// need the larger side because they may stretch either axis.
    /// </summary>
    public int MinShortSide =>
        !CenterCrop ? Math.Max(Width, Height)
        : ShortestEdge ?? (ResizeWidth is int w && ResizeHeight is int h ? Math.Max(w, h) : Math.Max(Width, Height));

    /// <summary>Every value that changes the prepared floats, in a fixed format (invariant culture, round-trip floats).</summary>
    public string Canonical()
    {
        string resize = !CenterCrop ? "stretch"
            : ShortestEdge is int s ? $"short{s}+crop"
            : ResizeWidth is int w && ResizeHeight is int h ? $"{w}x{h}+crop"
            : "crop";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Layout}:{Channels}x{Height}x{Width};{resize};{Order};rescale={RescaleFactor:R};mean={Join(Mean)};std={Join(Std)}");
    }

    /// <summary>Short human summary for the embedder's description.</summary>
    public string Describe()
    {
        string resize = !CenterCrop ? $"stretch to {Width}x{Height}"
            : ShortestEdge is int s ? $"shortest side {s}, crop {Width}x{Height}"
            : ResizeWidth is int w && ResizeHeight is int h ? $"resize {w}x{h}, crop {Width}x{Height}"
            : $"crop {Width}x{Height}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{resize}, {Order.ToString().ToUpperInvariant()}, mean [{Join(Mean, "0.####")}], std [{Join(Std, "0.####")}]");
    }

    private static string Join(float[] values, string format = "R") =>
        string.Join(",", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}

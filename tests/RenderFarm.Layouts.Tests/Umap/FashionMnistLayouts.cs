using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Umap;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Umap;

/// <summary>
/// Fashion-MNIST data, brute-force graphs and one default 2-D fit, computed once and shared by the
/// UMAP tests (the expensive parts are the pairwise distances and the 500-epoch fit). The first
/// <see cref="FitCount"/> images are fitted; the next <see cref="HeldOutCount"/> are held out for transform.
/// </summary>
internal static class FashionMnistLayouts
{
    public const int FitCount = 2500;
    public const int HeldOutCount = 500;
    public const int K = 15;

    private static readonly Lazy<(Matrix Fit, int[] FitLabels, Matrix HeldOut, int[] HeldOutLabels)> Split = new(() => FashionMnist.Split(FitCount, HeldOutCount));
    private static readonly Lazy<KnnGraph> FitGraphValue = new(() => BruteForceKnn.Build(Split.Value.Fit, K));
    private static readonly Lazy<float[]> Layout2DValue = new(() => UmapLayout.Fit(FitGraph, new UmapOptions()));

    public static Matrix Data => Split.Value.Fit;

    public static int[] Labels => Split.Value.FitLabels;

    public static Matrix HeldOut => Split.Value.HeldOut;

    public static int[] HeldOutLabels => Split.Value.HeldOutLabels;

    /// <summary>k = 15 neighbours of each fitted image among the fitted images.</summary>
    public static KnnGraph FitGraph => FitGraphValue.Value;

    /// <summary>The default (parallel, spectral, 2-D) fit of the fitted images: FitCount × 2.</summary>
    public static float[] Layout2D => Layout2DValue.Value;
}

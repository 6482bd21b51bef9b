using RenderFarm.Core.IO;
using RenderFarm.Layouts.Tsne;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Tsne;

/// <summary>
/// Fashion-MNIST split and one default 2-D t-SNE fit, computed once and shared by the t-SNE tests:
/// the first <see cref="FitCount"/> images are fitted, the next <see cref="HeldOutCount"/> are
/// held out to be added to the finished layout.
/// </summary>
internal static class TsneFashionMnist
{
    public const int FitCount = 2500;
    public const int HeldOutCount = 300;

    private static readonly Lazy<(Matrix Fit, int[] FitLabels, Matrix HeldOut, int[] HeldOutLabels)> Split = new(() => FashionMnist.Split(FitCount, HeldOutCount));
    private static readonly Lazy<float[]> Layout2DValue = new(() => TsneLayout.Fit(Data, new TsneOptions()));

    public static Matrix Data => Split.Value.Fit;

    public static int[] Labels => Split.Value.FitLabels;

    public static Matrix HeldOut => Split.Value.HeldOut;

    public static int[] HeldOutLabels => Split.Value.HeldOutLabels;

    /// <summary>The default 2-D fit of the fitted images: FitCount × 2.</summary>
    public static float[] Layout2D => Layout2DValue.Value;
}

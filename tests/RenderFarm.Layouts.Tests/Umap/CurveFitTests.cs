using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class CurveFitTests
{
    [Fact]
    public void FitAb_UmapDefaults_MatchesUmapLearn()
    {
        (float a, float b) = CurveFit.FitAb(0.1f, 1f);

        Assert.Equal(1.577, a, 0.005);
        Assert.Equal(0.895, b, 0.003);
    }

    [Fact]
    public void FitAb_GrowingMinDist_FlattensTheCurve()
    {
        // A larger min_dist keeps the curve near 1 for longer: smaller a and steeper b.
        float[] minDists = [0f, 0.05f, 0.1f, 0.25f, 0.5f, 0.8f];
        var fits = minDists.Select(m => CurveFit.FitAb(m, 1f)).ToArray();

        for (int i = 1; i < fits.Length; i++)
        {
            Assert.True(fits[i].A < fits[i - 1].A, $"a not decreasing at min_dist {minDists[i]}");
            Assert.True(fits[i].B > fits[i - 1].B, $"b not increasing at min_dist {minDists[i]}");
        }
    }

    [Fact]
    public void FitAb_LargerSpread_DecaysMoreSlowly()
    {
        (float a1, float b1) = CurveFit.FitAb(0.1f, 1f);
        (float a2, float b2) = CurveFit.FitAb(0.1f, 2f);

        double At(float a, float b, double d) => 1 / (1 + (a * Math.Pow(d, 2 * b)));
        Assert.True(At(a2, b2, 1.5) > At(a1, b1, 1.5));
    }
}

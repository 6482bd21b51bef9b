using RenderFarm.Core.IO;
using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class TsneOptionsTests
{
    public static TheoryData<TsneOptions, string> BadOptions => new()
    {
        { new TsneOptions { Perplexity = 0 }, "perplexity (0) must be positive" },
        { new TsneOptions { Perplexity = 20 }, "perplexity (20) is too large for 50 points: 3·perplexity must be less than N" },
        { new TsneOptions { Perplexity = 5, Dims = 4 }, "dims (4) must be 2 or 3" },
        { new TsneOptions { Perplexity = 5, Iterations = -1 }, "n_iter (-1) must be at least 0" },
        { new TsneOptions { Perplexity = 5, EarlyExaggeration = 0 }, "early_exaggeration (0) must be positive" },
        { new TsneOptions { Perplexity = 5, EarlyExaggerationIterations = -2 }, "early_exaggeration_iter (-2) must be at least 0" },
        { new TsneOptions { Perplexity = 5, LearningRate = -1 }, "learning_rate (-1) must be positive" },
        { new TsneOptions { Perplexity = 5, Theta = 1.5 }, "theta (1.5) must be between 0 and 1" },
        { new TsneOptions { Perplexity = 5, Init = TsneInit.Given }, "init (given) needs initial_coordinates" },
        { new TsneOptions { Perplexity = 5, Init = TsneInit.Given, InitialCoordinates = new float[99] }, "initial_coordinates has 99 values; 50 points × 2 dims need 100" },
        { new TsneOptions { Perplexity = 5, Init = TsneInit.Given, InitialCoordinates = Enumerable.Repeat(float.NaN, 100).ToArray() }, "initial_coordinates must all be finite" },
    };

    public static TheoryData<TsneTransformOptions, string> BadTransformOptions => new()
    {
        { new TsneTransformOptions { Perplexity = 0 }, "perplexity (0) must be positive" },
        { new TsneTransformOptions { Perplexity = 20 }, "perplexity (20) is too large for 50 points: 3·perplexity must be less than N" },
        { new TsneTransformOptions { Iterations = -1 }, "n_iter (-1) must be at least 0" },
        { new TsneTransformOptions { LearningRate = 0 }, "learning_rate (0) must be positive" },
        { new TsneTransformOptions { Exaggeration = 0 }, "exaggeration (0) must be positive" },
        { new TsneTransformOptions { Momentum = 1 }, "momentum (1) must be in [0, 1)" },
        { new TsneTransformOptions { MaxGradientNorm = 0 }, "max_grad_norm (0) must be positive" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Fit_BadOption_ThrowsNamingIt(TsneOptions options, string message)
    {
        Matrix points = Synthetic.Gaussian(50, 4, seed: 1);

        var error = Assert.Throws<LayoutException>(() => TsneLayout.Fit(points, options));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Fit_TwoPoints_ThrowsNamingCount()
    {
        var error = Assert.Throws<LayoutException>(() => TsneLayout.Fit(Synthetic.Gaussian(2, 4, seed: 1), new TsneOptions()));

        Assert.Equal("t-SNE needs at least 3 points, got 2", error.Message);
    }

    [Theory]
    [MemberData(nameof(BadTransformOptions))]
    public void Transform_BadOption_ThrowsNamingIt(TsneTransformOptions transform, string message)
    {
        Matrix points = Synthetic.Gaussian(50, 4, seed: 1);
        var options = new TsneOptions { Perplexity = 5 };

        var error = Assert.Throws<LayoutException>(() => TsneLayout.Transform(points, new float[100], Synthetic.Gaussian(3, 4, seed: 2), options, transform));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Transform_WrongFittedLength_ThrowsNamingIt()
    {
        Matrix points = Synthetic.Gaussian(50, 4, seed: 1);

        var error = Assert.Throws<LayoutException>(() => TsneLayout.Transform(points, new float[7], points, new TsneOptions { Perplexity = 5 }));

        Assert.Equal("fitted coordinates have 7 values; 50 points × 2 dims need 100", error.Message);
    }

    [Fact]
    public void Transform_NewDataWrongWidth_ThrowsNamingIt()
    {
        Matrix points = Synthetic.Gaussian(50, 4, seed: 1);

        var error = Assert.Throws<LayoutException>(() => TsneLayout.Transform(points, new float[100], Synthetic.Gaussian(3, 5, seed: 2), new TsneOptions { Perplexity = 5 }));

        Assert.Equal("new data has 5 columns; the fitted data has 4", error.Message);
    }
}

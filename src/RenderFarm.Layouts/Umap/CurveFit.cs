namespace RenderFarm.Layouts.Umap;

/// <summary>
/// Step 3 of UMAP: the low-dimensional similarity is 1/(1 + a·d^(2b)); a and b are chosen by least
/// squares so that this smooth curve follows the target "1 up to min_dist, then
/// exp(−(d − min_dist)/spread)" on 300 points of [0, 3·spread] — umap's find_ab_params. Solved by
/// Levenberg–Marquardt from (1, 1), as scipy's curve_fit does.
/// </summary>
public static class CurveFit
{
    private const int Samples = 300;
    private const int MaxIterations = 500;

    /// <summary>Returns (a, b) for the given min_dist ≥ 0 and spread &gt; 0.</summary>
    public static (float A, float B) FitAb(float minDist, float spread)
    {
        if (!(spread > 0) || !(minDist >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(spread), "spread must be positive and min_dist non-negative.");
        }

        (double[] x, double[] y) = TargetCurve(minDist, spread);
        (double a, double b) = LevenbergMarquardt(x, y);
        return ((float)a, (float)b);
    }

    /// <summary>The 300 sample points x (evenly spaced from 0 to 3·spread) and target values y.</summary>
    private static (double[] X, double[] Y) TargetCurve(double minDist, double spread)
    {
        var x = new double[Samples];
        var y = new double[Samples];
        for (int i = 0; i < Samples; i++)
        {
            x[i] = 3.0 * spread * i / (Samples - 1);
            y[i] = x[i] < minDist ? 1.0 : Math.Exp(-(x[i] - minDist) / spread);
        }

        return (x, y);
    }

    private static (double A, double B) LevenbergMarquardt(double[] x, double[] y)
    {
        double a = 1.0, b = 1.0, lambda = 1e-3;
        double cost = Cost(x, y, a, b);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            // Normal equations JᵀJ·δ = −Jᵀr for the residuals r = f(x) − y.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < x.Length; i++)
            {
                (double f, double da, double db) = ModelWithGradient(x[i], a, b);
                double r = f - y[i];
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }

            bool improved = false;
            while (lambda < 1e12)
            {
                // Marquardt's scaling: damp each parameter by its own curvature.
                double m00 = jaa * (1 + lambda), m11 = jbb * (1 + lambda);
                double det = (m00 * m11) - (jab * jab);
                double stepA = -((m11 * ga) - (jab * gb)) / det;
                double stepB = -((m00 * gb) - (jab * ga)) / det;
                double newA = a + stepA, newB = b + stepB;
                double newCost = newA > 0 && newB > 0 ? Cost(x, y, newA, newB) : double.PositiveInfinity;
                if (newCost < cost)
                {
                    bool converged = cost - newCost < 1e-15 * Math.Max(1.0, cost);
                    (a, b, cost) = (newA, newB, newCost);
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = !converged;
                    break;
                }

                lambda *= 10;
            }

            if (!improved)
            {
                break;
            }
        }

        return (a, b);
    }

    /// <summary>f = 1/(1 + a·x^(2b)) and its partial derivatives in a and b.</summary>
    private static (double F, double DA, double DB) ModelWithGradient(double x, double a, double b)
    {
        if (x <= 0)
        {
            return (1.0, 0.0, 0.0);
        }

        double u = Math.Pow(x, 2 * b);
        double denom = 1 + (a * u);
        double f = 1 / denom;
        double common = -f * f * u;
        return (f, common, common * a * 2 * Math.Log(x));
    }

    private static double Cost(double[] x, double[] y, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = ModelWithGradient(x[i], a, b).F - y[i];
            sum += r * r;
        }

        return sum;
    }
}

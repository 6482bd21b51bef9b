namespace RenderFarm.Layouts.Tests.Grids;

/// <summary>
/// The textbook O(n²m) Hungarian method with potentials (rows ≤ columns), written independently of
/// the solver under test so that the two can disagree if either is wrong.
/// </summary>
internal static class HungarianReference
{
    public static double MinimumCost(double[] costs, int rows, int columns)
    {
        // 1-based arrays; index 0 is the virtual start of every augmenting path.
        var u = new double[rows + 1];
        var v = new double[columns + 1];
        var rowOfColumn = new int[columns + 1];
        var way = new int[columns + 1];
        for (var i = 1; i <= rows; i++)
        {
            rowOfColumn[0] = i;
            var current = 0;
            var minimum = new double[columns + 1];
            var used = new bool[columns + 1];
            Array.Fill(minimum, double.PositiveInfinity);
            do
            {
                used[current] = true;
                var row = rowOfColumn[current];
                var delta = double.PositiveInfinity;
                var nextColumn = 0;
                for (var j = 1; j <= columns; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var reduced = costs[(row - 1) * columns + j - 1] - u[row] - v[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        way[j] = current;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        nextColumn = j;
                    }
                }

                for (var j = 0; j <= columns; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                current = nextColumn;
            }
            while (rowOfColumn[current] != 0);

            do
            {
                var previous = way[current];
                rowOfColumn[current] = rowOfColumn[previous];
                current = previous;
            }
            while (current != 0);
        }

        var total = 0.0;
        for (var j = 1; j <= columns; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                total += costs[(rowOfColumn[j] - 1) * columns + j - 1];
            }
        }

        return total;
    }

    /// <summary>The minimum over every injection of rows into columns, by exhaustive search.</summary>
    public static double BruteForce(double[] costs, int rows, int columns)
    {
        var taken = new bool[columns];
        return Search(0, 0.0);

        double Search(int row, double sum)
        {
            if (row == rows)
            {
                return sum;
            }

            var best = double.PositiveInfinity;
            for (var j = 0; j < columns; j++)
            {
                if (!taken[j])
                {
                    taken[j] = true;
                    best = Math.Min(best, Search(row + 1, sum + costs[row * columns + j]));
                    taken[j] = false;
                }
            }

            return best;
        }
    }
}

namespace RenderFarm.Core.IO;

/// <summary>A dense row-major float32 matrix: items × dimensions.</summary>
public sealed class Matrix
{
    public Matrix(int rows, int columns, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (data.LongLength != (long)rows * columns)
        {
            throw new ArgumentException($"A {rows}x{columns} matrix needs {(long)rows * columns} values, got {data.LongLength}.", nameof(data));
        }

        Rows = rows;
        Columns = columns;
        Data = data;
    }

    public Matrix(int rows, int columns)
        : this(rows, columns, new float[checked(rows * columns)])
    {
    }

    public int Rows { get; }

    public int Columns { get; }

    public float[] Data { get; }

    public Span<float> Row(int row) => Data.AsSpan(row * Columns, Columns);
}

using System.Numerics.Tensors;

namespace RenderFarm.Embedding.Onnx;

/// <summary>Turns a model output tensor into one embedding row per image (see <see cref="OutputPooling"/>).</summary>
internal static class OutputReducer
{
    /// <summary>
    /// Writes <paramref name="rows"/> × <paramref name="dimension"/> floats from <paramref name="values"/>
    /// (shaped <paramref name="shape"/>; extra rows, e.g. batch padding, are ignored).
    /// </summary>
    public static void Reduce(
        ReadOnlySpan<float> values, long[] shape, OutputPooling pooling, int rows, int dimension, bool normalize, Span<float> destination)
    {
        // The shape is checked on every call because symbolic dimensions only promise a rank.
        long featureDim = pooling == OutputPooling.FirstToken ? shape[^1] : shape[1];
        if (shape[0] < rows || featureDim != dimension)
        {
            throw new EmbeddingException(
                $"The model returned shape [{string.Join(", ", shape)}] for {rows} images; expected {rows} rows of {dimension} values.");
        }

        int rowStride = checked((int)(values.Length / shape[0]));
        int spatial = pooling == OutputPooling.GlobalAverage ? rowStride / dimension : 1;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> source = values.Slice(r * rowStride, rowStride);
            Span<float> row = destination.Slice(r * dimension, dimension);
            if (pooling == OutputPooling.GlobalAverage)
            {
                // NCHW: each channel's H×W values are contiguous.
                for (int c = 0; c < dimension; c++)
                {
                    row[c] = TensorPrimitives.Sum(source.Slice(c * spatial, spatial)) / spatial;
                }
            }
            else
            {
                // None: the row itself; FirstToken: the first D values, i.e. token 0.
                source[..dimension].CopyTo(row);
            }

            if (normalize)
            {
                float norm = TensorPrimitives.Norm(row);
                // An all-zero row stays zero rather than becoming NaN.
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, row);
                }
            }
        }
    }
}

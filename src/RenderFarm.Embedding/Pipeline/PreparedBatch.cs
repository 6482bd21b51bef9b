namespace RenderFarm.Embedding.Pipeline;

/// <summary>A reusable buffer of prepared model inputs and the items they belong to.</summary>
internal sealed class PreparedBatch
{
    private readonly int _inputLength;

    public PreparedBatch(int capacity, int inputLength)
    {
        _inputLength = inputLength;
        Inputs = new float[(long)capacity * inputLength];
        ItemIndices = new int[capacity];
    }

    public float[] Inputs { get; }

    public int[] ItemIndices { get; }

    public int Count { get; set; }

    public Span<float> Input(int slot) => Inputs.AsSpan(slot * _inputLength, _inputLength);
}

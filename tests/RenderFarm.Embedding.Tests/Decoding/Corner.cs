namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>A corner of an image, to say where a quadrant of the test image must land.</summary>
public enum Corner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

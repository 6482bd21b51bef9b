namespace RenderFarm.Embedding.Decoding;

/// <summary>Why an image could not be used; reported per file in the run report.</summary>
public enum ImageSkipReason
{
    Empty,
    NotAnImage,
    UnsupportedFormat,
    Truncated,
    Corrupt,
    TooLarge,
    Unreadable,
}

/// <summary>An image that cannot be decoded. The pipeline skips it and lists it in the run report.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(ImageSkipReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    public ImageSkipReason Reason { get; }
}

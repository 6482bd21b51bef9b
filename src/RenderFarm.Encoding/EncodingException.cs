namespace RenderFarm.Encoding;

/// <summary>
/// An encode, probe or output request that failed: a bad option (named in the message), a missing tool,
/// or ffmpeg refusing (its stderr tail is in the message). One exception type for the project, so the
/// command line can print it as a user error.
/// </summary>
public sealed class EncodingException : Exception
{
    public EncodingException(string message) : base(message)
    {
    }

    public EncodingException(string message, Exception inner) : base(message, inner)
    {
    }
}

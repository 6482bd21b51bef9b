namespace RenderFarm.Core;

/// <summary>
/// A problem the user can fix (a bad scene, a missing file, a wrong-shaped model). The command line
/// prints <see cref="Exception.Message"/> as one paragraph and exits non-zero; every other exception
/// is a bug and shows a stack trace with --verbose.
/// </summary>
public class RenderFarmException : Exception
{
    public RenderFarmException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

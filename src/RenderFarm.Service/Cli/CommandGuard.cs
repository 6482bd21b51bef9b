using RenderFarm.Core;

namespace RenderFarm.Service.Cli;

/// <summary>
/// Turns exceptions into exit codes: a user error prints its one-paragraph message (exit 2), a
/// cancellation exits 130, anything else is a bug (exit 1). Stack traces only with --verbose.
/// </summary>
internal static class CommandGuard
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int UserError = 2;
    public const int Cancelled = 130;

    public static int Run(CliConsole console, bool verbose, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (RenderFarmException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            if (verbose)
            {
                console.Error.WriteLine(e);
            }

            return UserError;
        }
        catch (Exception e) when (e is RenderFarm.Rendering.RenderingException or RenderFarm.Encoding.EncodingException)
        {
            // No Vulkan device, no ffmpeg, a frame the device cannot make: the machine or the request, not a bug.
            console.Error.WriteLine($"error: {e.Message}");
            if (verbose)
            {
                console.Error.WriteLine(e);
            }

            return UserError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled: finished work is kept in the cache; run the same command again to resume.");
            return Cancelled;
        }
        catch (Exception e)
        {
            console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine(verbose ? e.ToString() : "Run again with --verbose for the stack trace, and please report it.");
            return InternalError;
        }
    }
}

namespace RenderFarm.Service.Cli;

/// <summary>Where the command line writes; tests pass their own writers.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>True when standard output is a terminal we own, so live progress bars make sense.</summary>
    public bool IsInteractive =>
        ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
}

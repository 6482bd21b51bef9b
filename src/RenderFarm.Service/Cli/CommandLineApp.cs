using System.CommandLine;

namespace RenderFarm.Service.Cli;

/// <summary>The <c>renderfarm</c> command line: validate, embed, layout, render, serve, worker, bench.</summary>
public static class CommandLineApp
{
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Show stack traces and debug detail.",
            Recursive = true,
        };
        var outputRoot = new Option<string?>("--output", "-o")
        {
            Description = "Output root (default: $RENDERFARM_OUTPUT or ./output).",
            Recursive = true,
        };
        var cacheRoot = new Option<string?>("--cache")
        {
            Description = "Artifact cache (default: $RENDERFARM_CACHE or OUTPUT/.cache).",
            Recursive = true,
        };

        var root = new RootCommand("RenderFarm: posters and videos of how a machine sees an image collection.");
        root.Options.Add(verbose);
        root.Options.Add(outputRoot);
        root.Options.Add(cacheRoot);

        var console = new CliConsole(output ?? Console.Out, error ?? Console.Error);
        root.Subcommands.Add(ValidateCommand.Create(console, verbose, outputRoot, cacheRoot));
        root.Subcommands.Add(EmbedCommand.Create(console, verbose, outputRoot, cacheRoot));
        root.Subcommands.Add(LayoutCommand.Create(console, verbose, outputRoot, cacheRoot));
        root.Subcommands.Add(RenderCommand.Create(console, verbose, outputRoot, cacheRoot));
        root.Subcommands.Add(ServeCommand.Create(console, verbose, outputRoot, cacheRoot));
        root.Subcommands.Add(WorkerCommand.Create(console, verbose, outputRoot, cacheRoot));
        root.Subcommands.Add(BenchCommand.Create(console, verbose, outputRoot));

        ParseResult parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}

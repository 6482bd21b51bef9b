namespace RenderFarm.Embedding.Tests.Onnx;

/// <summary>Paths of the committed test models and scratch copies of them with their own config.</summary>
internal static class TestModels
{
    // One scratch folder per test run, removed when the test process exits.
    private static readonly string ScratchRoot = CreateScratchRoot();

    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Models");

    public static string Model(string name) => Path.Combine(Dir, name);

    public static string TinyClip => Path.Combine(Dir, "tiny-clip", "tiny-clip.onnx");

    /// <summary>
    /// Copies a model into a fresh directory, optionally with a preprocessor_config.json, because the
    /// config is found by sitting beside the model.
    /// </summary>
    public static string CopyWithConfig(string name, string? configJson)
    {
        string dir = Path.Combine(ScratchRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string target = Path.Combine(dir, name);
        File.Copy(Model(name), target);
        if (configJson is not null)
        {
            File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"), configJson);
        }

        return target;
    }

    private static string CreateScratchRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), $"renderfarm-onnx-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS cleans temp eventually.
            }
        };
        return root;
    }
}

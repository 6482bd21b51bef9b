using Hangfire;
using RenderFarm.Core;
using RenderFarm.Core.Scenes;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Api;

/// <summary>
/// Turns a request into a render: the scene is resolved inside the data roots, read and checked
/// as `renderfarm render` checks it (every key, the dataset listed, outputs against it, ffmpeg for
/// videos) before anything is enqueued, so a bad scene costs a 400 and leaves nothing behind.
/// </summary>
public sealed class RenderSubmission(ServerSettings settings, RenderStore store, DataRootGuard guard, SceneCatalog scenes, IBackgroundJobClient jobs)
{
    public RenderRecord Submit(RenderRequest request)
    {
        bool hasPath = !string.IsNullOrWhiteSpace(request.Scene);
        bool hasText = !string.IsNullOrWhiteSpace(request.SceneYaml);
        if (hasPath == hasText)
        {
            throw new RenderFarmException("give exactly one of 'scene' (a scene file under a data root) and 'sceneYaml' (the scene's text).");
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        string id = RenderStore.NewId(now);
        string work = store.WorkFolder(id);
        try
        {
            string scenePath = hasPath ? scenes.PathOf(request.Scene!) ?? Path.GetFullPath(request.Scene!) : SaveInline(work, request.SceneYaml!);
            RenderPlan plan = hasPath ? Check(scenePath) : CheckContents(scenePath);
            var record = new RenderRecord
            {
                Id = id,
                Scene = plan.Scene.Name,
                ScenePath = scenePath,
                SceneSha256 = plan.SceneHash,
                Outputs = plan.Outputs.Select(o => o.Name).ToArray(),
                RunFolder = Path.Combine(settings.OutputRoot, plan.Scene.Name, id),
                CreatedUtc = now,
                PreviousRunFolder = LatestPointer.Read(Path.Combine(settings.OutputRoot, plan.Scene.Name)),
            };
            // Saved before the first job can start, since jobs read it; saved again with the job ids.
            store.Save(record);
            record = record with { Jobs = RenderChain.Enqueue(jobs, record, plan, settings.FramesPerChunk) };
            store.Save(record);
            return record;
        }
        catch
        {
            if (Directory.Exists(work) && store.Find(id) is null)
            {
                Directory.Delete(work, recursive: true);
            }

            throw;
        }
    }

    private static string SaveInline(string work, string text)
    {
        Directory.CreateDirectory(work);
        string path = Path.Combine(work, "scene.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// A scene file named by a request: it must lie in a data root, and so must everything it names.
    /// The files of the scenes folder are the operator's own and pass; what they name is still checked.
    /// </summary>
    public RenderPlan Check(string scenePath)
    {
        if (!scenes.Contains(scenePath))
        {
            guard.Check(scenePath, "scene");
        }

        return CheckContents(scenePath);
    }

    /// <summary>Reads the scene, keeps every file it names inside the data roots, then runs the pipeline's own checks.</summary>
    private RenderPlan CheckContents(string scenePath)
    {
        Scene scene = SceneLoader.Load(scenePath);
        foreach ((string? path, string what) in new[]
        {
            (scene.Dataset.Path, "dataset.path"), (scene.Dataset.Labels, "dataset.labels"),
            (scene.Dataset.Metadata, "dataset.metadata"), (scene.Embedder.Model, "embedder.model"),
        })
        {
            if (path is not null)
            {
                guard.Check(path, $"{scenePath}: {what}");
            }
        }

        using RenderRun run = RenderRun.Start(scenePath, new RenderOptions { OutputRoot = settings.OutputRoot, CacheRoot = settings.CacheRoot });
        RenderLimits.Check(run.Plan, settings);
        return run.Plan;
    }
}

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Runs numbered blocks of work on one worker per core, each worker with its own scratch buffer.
/// Parallel.For's thread-local state is made per task replica, and replicas come and go (more of
/// them when the thread pool grows under load), so a large per-replica buffer becomes a stream of
/// large-object garbage: on 70,000 rows, 16–18 MB distance blocks piled up to hundreds of MB
/// before a gen-2 collection. Here the buffers are made once per worker; blocks are still handed
/// out one at a time, so a slow worker does not hold up the rest.
/// </summary>
internal static class BlockWorkers
{
    public static void Run<TScratch>(int blocks, Func<TScratch> scratch, Action<int, TScratch> body)
    {
        int workers = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, blocks));
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            TScratch buffer = scratch();
            for (int block = Interlocked.Increment(ref next); block < blocks; block = Interlocked.Increment(ref next))
            {
                body(block, buffer);
            }
        });
    }
}

using System.Runtime.InteropServices;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// One zero-filled block of native memory holding a whole set of stamps side by side. 70,000
/// thumbnails at 12 px are 466 MB of stamps, and a frame reads 116 MB of them in no useful order:
/// as 280,000 separate arrays every stamp was a TLB miss and a page walk as well as a cache miss,
/// and the blend spent three quarters of its time waiting (25 of 32 CPU-ms a frame). On Linux the
/// block is mapped anonymously and marked for transparent huge pages (2 MB pages: a 466 MB set
/// fits the TLB), before anything touches it. Freed when the last stamp in it is unreachable:
/// every <see cref="Stamp"/> holds its block, so no pointer outlives its memory.
/// </summary>
internal sealed unsafe partial class StampMemory
{
    private const int ProtectReadWrite = 0x1 | 0x2, MapPrivateAnonymous = 0x02 | 0x20, AdviseHugePage = 14;
    private const long HugePage = 2 << 20;

    private readonly ushort* _start;
    private readonly long _bytes;
    private readonly bool _mapped;

    /// <param name="values">16-bit values the block holds (at least one).</param>
    public StampMemory(long values)
    {
        _bytes = Math.Max(1, values) * 2;
        if (OperatingSystem.IsLinux())
        {
            void* start = Map(null, (nuint)_bytes, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
            if (start == (void*)-1)
                throw new RenderingException($"Could not map {_bytes / (1 << 20)} MB for sprite stamps (errno {Marshal.GetLastPInvokeError()}).");
            // A hint only: where huge pages are off or short the block works in 4 KB pages.
            if (_bytes >= HugePage) Advise(start, (nuint)_bytes, AdviseHugePage);
            _start = (ushort*)start;
            _mapped = true;
        }
        else
        {
            _start = (ushort*)NativeMemory.AllocZeroed((nuint)_bytes);
        }
        GC.AddMemoryPressure(_bytes);
    }

    ~StampMemory()
    {
        if (_mapped) Unmap(_start, (nuint)_bytes);
        else NativeMemory.Free(_start);
        GC.RemoveMemoryPressure(_bytes);
    }

    /// <summary>The value at <paramref name="offset"/> (in 16-bit values from the start).</summary>
    public ushort* At(long offset) => _start + offset;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Map(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Unmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(void* address, nuint length, int advice);
}

using System.Reflection;

namespace RenderFarm.Rendering.Shaders;

/// <summary>The SPIR-V compiled from Shaders/*.vert|frag at build time and embedded in this assembly.</summary>
internal static class ShaderLibrary
{
    public static byte[] Load(string fileName)
    {
        string resource = $"RenderFarm.Rendering.Shaders.{fileName}.spv";
        using var stream = typeof(ShaderLibrary).Assembly.GetManifestResourceStream(resource)
            ?? throw new RenderingException($"The shader '{resource}' is not embedded in {typeof(ShaderLibrary).Assembly.GetName().Name}: the build's CompileShaders step did not run.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static IEnumerable<string> Names() =>
        typeof(ShaderLibrary).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("RenderFarm.Rendering.Shaders.", StringComparison.Ordinal));
}

using System.Runtime.InteropServices;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Devices;

/// <summary>
/// A headless Vulkan instance: no extensions at all (no surface, no window system), so it works on
/// servers without a display or XDG_RUNTIME_DIR. Validation is the only optional layer.
/// </summary>
internal static unsafe class VulkanInstance
{
    private const string ValidationLayer = "VK_LAYER_KHRONOS_validation";

    public static Vk LoadApi()
    {
        try
        {
            return Vk.GetApi();
        }
        catch (Exception e) when (e is DllNotFoundException or FileNotFoundException or InvalidOperationException or TypeInitializationException)
        {
            throw new RenderingException($"The Vulkan loader (libvulkan.so.1) could not be loaded. {RenderingException.InstallHint}", e);
        }
    }

    public static Instance Create(Vk vk, bool validation)
    {
        nint appName = SilkMarshal.StringToPtr("RenderFarm");
        nint layerName = SilkMarshal.StringToPtr(ValidationLayer);
        try
        {
            var app = new ApplicationInfo
            {
                SType = StructureType.ApplicationInfo,
                PApplicationName = (byte*)appName,
                ApplicationVersion = Vk.MakeVersion(0, 1, 0),
                PEngineName = (byte*)appName,
                EngineVersion = Vk.MakeVersion(0, 1, 0),
                // 1.2 gives us the driver properties query without extensions; lavapipe and every
                // desktop GPU driver of the last years offer it.
                ApiVersion = Vk.Version12,
            };
            bool enableValidation = validation && HasLayer(vk, ValidationLayer);
            byte** layers = stackalloc byte*[1];
            layers[0] = (byte*)layerName;
            var info = new InstanceCreateInfo
            {
                SType = StructureType.InstanceCreateInfo,
                PApplicationInfo = &app,
                EnabledLayerCount = enableValidation ? 1u : 0u,
                PpEnabledLayerNames = enableValidation ? layers : null,
            };
            Result result = vk.CreateInstance(in info, null, out Instance instance);
            if (result == Result.ErrorIncompatibleDriver)
                throw new RenderingException($"No Vulkan driver is installed (vkCreateInstance: {result}). {RenderingException.InstallHint}");
            VkCheck.Ok(result, "vkCreateInstance");
            return instance;
        }
        finally
        {
            SilkMarshal.Free(appName);
            SilkMarshal.Free(layerName);
        }
    }

    private static bool HasLayer(Vk vk, string name)
    {
        uint count = 0;
        vk.EnumerateInstanceLayerProperties(ref count, null);
        if (count == 0) return false;
        var layers = new LayerProperties[count];
        fixed (LayerProperties* p = layers)
            vk.EnumerateInstanceLayerProperties(ref count, p);
        foreach (var layer in layers)
        {
            if (Marshal.PtrToStringUTF8((nint)layer.LayerName) == name) return true;
        }
        return false;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Devices;

/// <summary>
/// Lists the physical devices that can draw (a graphics queue) and picks one: the user's choice by
/// index or name substring, else the fastest kind present — discrete, integrated, virtual, CPU.
/// </summary>
internal static unsafe class PhysicalDeviceChooser
{
    public readonly record struct Candidate(PhysicalDevice Device, uint QueueFamily, DeviceInfo Info);

    public static IReadOnlyList<Candidate> List(Vk vk, Instance instance)
    {
        uint count = 0;
        VkCheck.Ok(vk.EnumeratePhysicalDevices(instance, ref count, null), "vkEnumeratePhysicalDevices");
        var devices = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = devices)
            VkCheck.Ok(vk.EnumeratePhysicalDevices(instance, ref count, p), "vkEnumeratePhysicalDevices");

        var candidates = new List<Candidate>();
        for (int i = 0; i < devices.Length; i++)
        {
            uint? family = GraphicsFamily(vk, devices[i]);
            if (family is null) continue;
            candidates.Add(new Candidate(devices[i], family.Value, Describe(vk, devices[i], i)));
        }
        return candidates;
    }

    public static Candidate Choose(IReadOnlyList<Candidate> candidates, string? request)
    {
        if (candidates.Count == 0)
            throw new RenderingException($"No Vulkan device with a graphics queue was found. {RenderingException.InstallHint}");
        if (request is null)
            return candidates.OrderBy(c => Rank(c.Info.Type)).ThenBy(c => c.Info.Index).First();

        string known = string.Join("; ", candidates.Select(c => $"{c.Info.Index}: {c.Info.Name}"));
        if (int.TryParse(request, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            foreach (var c in candidates)
                if (c.Info.Index == index) return c;
            throw new RenderingException($"{DeviceOptions.EnvironmentVariable}={request}: there is no device {index} (devices: {known}).");
        }
        foreach (var c in candidates)
            if (c.Info.Name.Contains(request, StringComparison.OrdinalIgnoreCase)) return c;
        throw new RenderingException($"{DeviceOptions.EnvironmentVariable}={request}: no device name contains '{request}' (devices: {known}).");
    }

    private static int Rank(string type) => type switch
    {
        "discrete" => 0,
        "integrated" => 1,
        "virtual" => 2,
        "cpu" => 3,
        _ => 4,
    };

    private static uint? GraphicsFamily(Vk vk, PhysicalDevice device)
    {
        uint count = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(device, ref count, null);
        var families = new QueueFamilyProperties[count];
        fixed (QueueFamilyProperties* p = families)
            vk.GetPhysicalDeviceQueueFamilyProperties(device, ref count, p);
        for (uint i = 0; i < count; i++)
        {
            if ((families[i].QueueFlags & QueueFlags.GraphicsBit) != 0) return i;
        }
        return null;
    }

    private static DeviceInfo Describe(Vk vk, PhysicalDevice device, int index)
    {
        var driver = new PhysicalDeviceDriverProperties { SType = StructureType.PhysicalDeviceDriverProperties };
        var props2 = new PhysicalDeviceProperties2 { SType = StructureType.PhysicalDeviceProperties2, PNext = &driver };
        vk.GetPhysicalDeviceProperties2(device, &props2);
        var props = props2.Properties;
        string name = Marshal.PtrToStringUTF8((nint)props.DeviceName) ?? "unknown";
        string driverName = Marshal.PtrToStringUTF8((nint)driver.DriverName) ?? "";
        string driverInfo = Marshal.PtrToStringUTF8((nint)driver.DriverInfo) ?? "";
        string type = props.DeviceType switch
        {
            PhysicalDeviceType.DiscreteGpu => "discrete",
            PhysicalDeviceType.IntegratedGpu => "integrated",
            PhysicalDeviceType.VirtualGpu => "virtual",
            PhysicalDeviceType.Cpu => "cpu",
            _ => "other",
        };
        uint v = props.ApiVersion;
        string version = $"{v >> 22}.{(v >> 12) & 0x3FF}.{v & 0xFFF}";
        return new DeviceInfo(index, name, type, $"{driverName} {driverInfo}".Trim(), version,
            (int)props.Limits.MaxImageDimension2D, (int)props.Limits.MaxImageArrayLayers);
    }
}

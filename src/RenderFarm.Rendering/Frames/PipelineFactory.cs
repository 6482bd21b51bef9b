using Silk.NET.Core.Native;
using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Shaders;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// Graphics pipelines for instanced quads: no vertex input (corners come from gl_VertexIndex, item
/// data from storage buffers), straight-alpha "over" blending, dynamic viewport and scissor so tiles
/// smaller than the target reuse the same pipeline.
/// </summary>
internal static unsafe class PipelineFactory
{
    public static Pipeline Create(GpuContext gpu, SharedLayouts layouts, RenderPass pass, SampleCountFlags samples,
        string shader, bool depthTest, bool depthWrite = false)
    {
        var vk = gpu.Vk;
        var vertex = gpu.CreateShader(ShaderLibrary.Load($"{shader}.vert"));
        var fragment = gpu.CreateShader(ShaderLibrary.Load($"{shader}.frag"));
        nint main = SilkMarshal.StringToPtr("main");
        try
        {
            var stages = stackalloc PipelineShaderStageCreateInfo[2];
            stages[0] = new PipelineShaderStageCreateInfo
            {
                SType = StructureType.PipelineShaderStageCreateInfo,
                Stage = ShaderStageFlags.VertexBit,
                Module = vertex,
                PName = (byte*)main,
            };
            stages[1] = stages[0] with { Stage = ShaderStageFlags.FragmentBit, Module = fragment };
            var vertexInput = new PipelineVertexInputStateCreateInfo { SType = StructureType.PipelineVertexInputStateCreateInfo };
            var assembly = new PipelineInputAssemblyStateCreateInfo
            {
                SType = StructureType.PipelineInputAssemblyStateCreateInfo,
                Topology = PrimitiveTopology.TriangleList,
            };
            var viewport = new PipelineViewportStateCreateInfo
            {
                SType = StructureType.PipelineViewportStateCreateInfo,
                ViewportCount = 1,
                ScissorCount = 1,
            };
            var raster = new PipelineRasterizationStateCreateInfo
            {
                SType = StructureType.PipelineRasterizationStateCreateInfo,
                PolygonMode = PolygonMode.Fill,
                CullMode = CullModeFlags.None,
                FrontFace = FrontFace.CounterClockwise,
                LineWidth = 1,
            };
            var multisample = new PipelineMultisampleStateCreateInfo
            {
                SType = StructureType.PipelineMultisampleStateCreateInfo,
                RasterizationSamples = samples,
            };
            var depth = new PipelineDepthStencilStateCreateInfo
            {
                SType = StructureType.PipelineDepthStencilStateCreateInfo,
                // Impostors have blended, anti-aliased edges: writing depth would let a near edge
                // pixel hide the far item behind it and show the background instead. They are drawn
                // back to front (DepthOrder) and only test against depth — what opaque geometry
                // such as a terrain surface (depthWrite) writes before them.
                DepthTestEnable = depthTest || depthWrite,
                DepthWriteEnable = depthWrite,
                DepthCompareOp = CompareOp.LessOrEqual,
            };
            var blendAttachment = new PipelineColorBlendAttachmentState
            {
                BlendEnable = true,
                SrcColorBlendFactor = BlendFactor.SrcAlpha,
                DstColorBlendFactor = BlendFactor.OneMinusSrcAlpha,
                ColorBlendOp = BlendOp.Add,
                SrcAlphaBlendFactor = BlendFactor.One,
                DstAlphaBlendFactor = BlendFactor.OneMinusSrcAlpha,
                AlphaBlendOp = BlendOp.Add,
                ColorWriteMask = ColorComponentFlags.RBit | ColorComponentFlags.GBit | ColorComponentFlags.BBit | ColorComponentFlags.ABit,
            };
            var blend = new PipelineColorBlendStateCreateInfo
            {
                SType = StructureType.PipelineColorBlendStateCreateInfo,
                AttachmentCount = 1,
                PAttachments = &blendAttachment,
            };
            var dynamicStates = stackalloc DynamicState[2] { DynamicState.Viewport, DynamicState.Scissor };
            var dynamic = new PipelineDynamicStateCreateInfo
            {
                SType = StructureType.PipelineDynamicStateCreateInfo,
                DynamicStateCount = 2,
                PDynamicStates = dynamicStates,
            };
            var info = new GraphicsPipelineCreateInfo
            {
                SType = StructureType.GraphicsPipelineCreateInfo,
                StageCount = 2,
                PStages = stages,
                PVertexInputState = &vertexInput,
                PInputAssemblyState = &assembly,
                PViewportState = &viewport,
                PRasterizationState = &raster,
                PMultisampleState = &multisample,
                PDepthStencilState = &depth,
                PColorBlendState = &blend,
                PDynamicState = &dynamic,
                Layout = layouts.PipelineLayout,
                RenderPass = pass,
                Subpass = 0,
            };
            VkCheck.Ok(vk.CreateGraphicsPipelines(gpu.Device, default, 1, in info, null, out var pipeline), $"vkCreateGraphicsPipelines ({shader})");
            return pipeline;
        }
        finally
        {
            SilkMarshal.Free(main);
            vk.DestroyShaderModule(gpu.Device, vertex, null);
            vk.DestroyShaderModule(gpu.Device, fragment, null);
        }
    }
}

using RenderFarm.Embedding.Decoding;

using RenderFarm.Core.Scenes;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// Turns a decoded image into model input floats following a <see cref="PreprocessingPlan"/>, the way
/// Hugging Face image processors do: resize, center crop, rescale, normalise. Stateless, so thread-safe.
/// </summary>
internal static class ImagePreprocessor
{
    public static void Prepare(PreprocessingPlan plan, DecodedImage image, Span<float> destination)
    {
        if (destination.Length < plan.InputLength)
        {
            throw new ArgumentException($"Needs {plan.InputLength} floats, got {destination.Length}.", nameof(destination));
        }

        DecodedImage sized = Resize(plan, image);
        Write(plan, sized, destination[..plan.InputLength]);
    }

    /// <summary>Brings the image to the plan's exact size; a final stretch covers whatever the steps left (e.g. no resize).</summary>
    internal static DecodedImage Resize(PreprocessingPlan plan, DecodedImage image)
    {
        if (plan.CenterCrop)
        {
            if (plan.ShortestEdge is int shortest)
            {
                image = ImageResampler.ResizeShortestSide(image, shortest);
            }
            else if (plan.ResizeWidth is int w && plan.ResizeHeight is int h)
            {
                image = ImageResampler.Resize(image, w, h);
            }

            image = ImageResampler.CenterCrop(image, plan.Width, plan.Height);
        }

        return image.Width == plan.Width && image.Height == plan.Height
            ? image
            : ImageResampler.Resize(image, plan.Width, plan.Height);
    }

    private static void Write(PreprocessingPlan plan, DecodedImage image, Span<float> destination)
    {
        // Alpha is flattened over white here, after resampling: compositing is linear in premultiplied
        // space, so it commutes with the (premultiplied) resize and runs on the small image only.
        byte[] pixels = image.Pixels;
        bool gray = image.Layout == PixelLayout.Gray8;
        int count = image.Width * image.Height;
        int channels = plan.Channels;
        bool nchw = plan.Layout == TensorLayout.Nchw;
        bool bgr = plan.Order == ChannelOrder.Bgr;
        float scale = plan.RescaleFactor;
        float[] mean = plan.Mean;
        float[] std = plan.Std;

        for (int i = 0; i < count; i++)
        {
            float r, g, b;
            if (gray)
            {
                r = g = b = pixels[i];
            }
            else
            {
                int o = i * 4;
                float alpha = pixels[o + 3] / 255f;
                float white = 255f * (1f - alpha);
                r = (pixels[o] * alpha) + white;
                g = (pixels[o + 1] * alpha) + white;
                b = (pixels[o + 2] * alpha) + white;
            }

            if (channels == 1)
            {
                // ITU-R 601 luma, the weights of PIL's convert("L").
                float luma = gray ? r : (0.299f * r) + (0.587f * g) + (0.114f * b);
                destination[i] = ((luma * scale) - mean[0]) / std[0];
                continue;
            }

            // Same arithmetic as HF (rescale, then (x - mean) / std), so floats agree closely with Python.
            float v0 = ((r * scale) - mean[0]) / std[0];
            float v1 = ((g * scale) - mean[1]) / std[1];
            float v2 = ((b * scale) - mean[2]) / std[2];
            if (bgr)
            {
                (v0, v2) = (v2, v0);
            }

            if (nchw)
            {
                destination[i] = v0;
                destination[count + i] = v1;
                destination[(2 * count) + i] = v2;
            }
            else
            {
                int o = i * 3;
                destination[o] = v0;
                destination[o + 1] = v1;
                destination[o + 2] = v2;
            }
        }
    }
}

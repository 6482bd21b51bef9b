using RenderFarm.Core;

namespace RenderFarm.Layouts;

/// <summary>A layout request that cannot be honoured (a bad parameter for the data); the message names the parameter.</summary>
public sealed class LayoutException : RenderFarmException
{
    public LayoutException(string message)
        : base(message)
    {
    }
}

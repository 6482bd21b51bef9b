using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>How positions change during a step.</summary>
internal enum Motion
{
    /// <summary>Sets[0] throughout.</summary>
    Still,

    /// <summary>Sets[0] to Sets[1], optionally staggered by group.</summary>
    Morph,

    /// <summary>Through Sets[0], Sets[1], ... in equal pieces (sweeps, replays).</summary>
    Sequence,
}

/// <summary>What the camera does during a step.</summary>
internal enum CameraMotion
{
    /// <summary>Fits the frame's positions, whatever they are.</summary>
    Follow,

    /// <summary>Stays at <see cref="Segment.From"/>.</summary>
    Fixed,

    /// <summary>From <see cref="Segment.From"/> to <see cref="Segment.To"/> (camera and orbit steps).</summary>
    Move,
}

/// <summary>One timeline step compiled for playback: its frames, its data and the state it starts in.</summary>
internal sealed class Segment
{
    public required int StepIndex { get; init; }

    public required int FirstFrame { get; init; }

    public required int FrameCount { get; init; }

    public required double StartSeconds { get; init; }

    public required double Seconds { get; init; }

    public Motion Motion { get; set; }

    public NamedCoordinates[] Sets { get; set; } = [];

    public Easing PositionEasing { get; set; } = Easing.Linear;

    /// <summary>Stagger: each item's group's place in the start order; null moves every item together.</summary>
    public int[]? GroupRank { get; set; }

    /// <summary>Stagger: the start delay between consecutive groups, as a share of the step.</summary>
    public double GroupDelay { get; set; }

    /// <summary>Stagger: the share of the step each group moves for.</summary>
    public double GroupDuration { get; set; } = 1;

    public CameraMotion Camera { get; set; }

    public CameraPose From;

    public CameraPose To;

    public Easing CameraEasing { get; set; } = Easing.Linear;

    /// <summary>The view direction kept while following (3-D).</summary>
    public double Azimuth { get; set; }

    public double Elevation { get; set; }

    /// <summary>Overlay opacities when the step starts.</summary>
    public float[] Opacity { get; set; } = new float[4];

    /// <summary>The overlay a fade step changes; −1 for other steps.</summary>
    public int FadeOverlay { get; set; } = -1;

    public float FadeFrom { get; set; }

    public float FadeTo { get; set; }

    public Easing FadeEasing { get; set; } = Easing.Linear;
}

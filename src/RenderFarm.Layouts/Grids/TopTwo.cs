namespace RenderFarm.Layouts.Grids;

/// <summary>A running lowest-two, preferring the lower index on ties so results do not depend on lane order.</summary>
internal struct TopTwo()
{
    public double Best = double.PositiveInfinity;
    public double Second = double.PositiveInfinity;
    public int BestIndex = -1;
    public int SecondIndex = -1;

    public void Offer(double value, int index)
    {
        if (index < 0)
        {
            return;
        }

        if (value < Best || (value == Best && index < BestIndex))
        {
            (Second, SecondIndex) = (Best, BestIndex);
            (Best, BestIndex) = (value, index);
        }
        else if (value < Second || (value == Second && index < SecondIndex))
        {
            (Second, SecondIndex) = (value, index);
        }
    }
}

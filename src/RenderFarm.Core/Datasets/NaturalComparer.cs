namespace RenderFarm.Core.Datasets;

/// <summary>Orders "2" before "10" and "img2" before "img10", so numeric labels read naturally in legends.</summary>
public sealed class NaturalComparer : IComparer<string>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i;
                int sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                string a = x[si..i].TrimStart('0');
                string b = y[sj..j].TrimStart('0');
                int byLength = a.Length.CompareTo(b.Length);
                int byDigits = byLength != 0 ? byLength : string.CompareOrdinal(a, b);
                if (byDigits != 0)
                {
                    return byDigits;
                }
            }
            else
            {
                int byChar = x[i].CompareTo(y[j]);
                if (byChar != 0)
                {
                    return byChar;
                }

                i++;
                j++;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j) is var rest && rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}

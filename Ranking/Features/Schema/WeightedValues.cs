namespace LeadRecs.Ranking.Features.Schema;

/// <summary>Values sorted with prefix sums of their weights: weighted quantiles and "weight below x" by binary search.</summary>
internal sealed class WeightedValues
{
    private readonly double[] _sorted;
    private readonly double[] _weightBefore; // weight of the values sorted before index i

    private WeightedValues(double[] sorted, double[] weightBefore)
    {
        _sorted = sorted;
        _weightBefore = weightBefore;
    }

    public static WeightedValues From(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var sorted = values.ToArray();
        var order = weights.ToArray();
        Array.Sort(sorted, order);
        var before = new double[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            before[i + 1] = before[i] + order[i];
        }
        return new WeightedValues(sorted, before);
    }

    /// <summary>The weight of values below <paramref name="value"/>, values equal to it counting half.</summary>
    public double WeightBelow(double value)
    {
        var lower = LowerBound(value);
        var upper = lower;
        while (upper < _sorted.Length && _sorted[upper] == value)
        {
            upper++;
        }
        return _weightBefore[lower] + (_weightBefore[upper] - _weightBefore[lower]) / 2;
    }

    /// <summary>The smallest value whose cumulative weight reaches <paramref name="q"/> of the total.</summary>
    public double Quantile(double q)
    {
        var target = q * _weightBefore[^1];
        for (var i = 0; i < _sorted.Length; i++)
        {
            if (_weightBefore[i + 1] >= target)
            {
                return _sorted[i];
            }
        }
        return _sorted[^1];
    }

    /// <summary>The first index whose value is not below <paramref name="value"/>; halving without a branch on the data.</summary>
    private int LowerBound(double value)
    {
        var sorted = _sorted;
        int first = 0, length = sorted.Length;
        while (length > 1)
        {
            var half = length / 2;
            first += sorted[first + half - 1] < value ? half : 0;
            length -= half;
        }
        return length == 1 && sorted[first] < value ? first + 1 : first;
    }
}

namespace DevTools.Benchmarks;

/// <summary>Latency samples in milliseconds and the figures the report prints.</summary>
internal sealed class Stats(IEnumerable<double> samplesMs)
{
    private readonly double[] _sorted = samplesMs.OrderBy(x => x).ToArray();

    public int Count => _sorted.Length;
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);
    public double Mean => _sorted.Length == 0 ? 0 : _sorted.Average();

    public double Percentile(double p)
    {
        if (_sorted.Length == 0) return double.NaN;
        var index = (int)Math.Ceiling(p * _sorted.Length) - 1;
        return _sorted[Math.Clamp(index, 0, _sorted.Length - 1)];
    }
}

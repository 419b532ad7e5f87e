namespace LeadRecs.UnitTests.Model;

/// <summary>Synchronous IProgress (Progress&lt;T&gt; posts asynchronously, which would race the assertions).</summary>
internal sealed class ListProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}

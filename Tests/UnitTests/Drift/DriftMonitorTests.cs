using LeadRecs.Ranking.Drift;

namespace LeadRecs.UnitTests.Drift;

public sealed class DriftMonitorTests
{
    private static readonly FeatureBaseline Baseline = FeatureBaseline.Build(
        DriftRows.Vectorizer, DriftRows.Draw(20_000, seed: 1, r => DriftRows.Normal(r)), 20_000, FeatureBaseline.DefaultKeyFeatures);

    private static int Width => DriftRows.Width;

    [Fact]
    public void Rows_from_the_baseline_distribution_give_psi_near_zero()
    {
        var monitor = new DriftMonitor(Baseline);

        monitor.Observe(DriftRows.Draw(10_000, seed: 2, r => DriftRows.Normal(r)), 10_000, Width);
        var report = monitor.Report();

        // No drift: PSI ≈ χ²/n with 9 degrees of freedom, about 9/10,000 + 9/20,000 = 0.0014 on average.
        Assert.All(report.Features, f => Assert.InRange(f.Psi, 0, 0.01));
        Assert.All(report.Features, f => Assert.Equal(10_000, f.Observed));
        Assert.False(report.Drifted);
        Assert.Equal(10_000, report.RowsSampled);
        Assert.Equal(FeatureBaseline.DefaultKeyFeatures, report.Features.Select(f => f.Name));
    }

    [Fact]
    public void Shifted_rows_give_psi_above_the_threshold()
    {
        var monitor = new DriftMonitor(Baseline);

        monitor.Observe(DriftRows.Draw(10_000, seed: 3, r => DriftRows.Normal(r, mean: 0.75)), 10_000, Width);
        var report = monitor.Report();

        // A shift of 0.75 sd moves about a quarter of the mass across deciles: PSI ≈ 0.5.
        Assert.All(report.Features, f => Assert.True(f.Psi > 0.25, $"{f.Name}: {f.Psi}"));
        Assert.All(report.Features, f => Assert.True(f.Drifted));
        Assert.True(report.Drifted);
        Assert.Equal(0.25, report.Features[0].Threshold);
    }

    [Fact]
    public void Only_one_shifted_feature_is_flagged()
    {
        var rows = DriftRows.Draw(5_000, seed: 4, r => DriftRows.Normal(r));
        var price = DriftRows.Vectorizer.Schema.IndexOfDense("lead.log_price");
        for (var r = 0; r < 5_000; r++)
        {
            rows[r * Width + price] += 1;
        }
        var monitor = new DriftMonitor(Baseline);

        monitor.Observe(rows, 5_000, Width);

        var drifted = monitor.Report().Features.Where(f => f.Drifted).Select(f => f.Name);
        Assert.Equal(["lead.log_price"], drifted);
    }

    [Fact]
    public void Too_few_observations_are_never_called_drift()
    {
        var monitor = new DriftMonitor(Baseline, new DriftMonitorOptions { MinimumObservations = 1_000 });

        monitor.Observe(DriftRows.Draw(200, seed: 5, r => DriftRows.Normal(r, mean: 3)), 200, Width);
        var report = monitor.Report();

        Assert.All(report.Features, f => Assert.True(f.Psi > 1));
        Assert.False(report.Drifted);
    }

    [Fact]
    public void Sampling_takes_every_nth_row_across_calls_of_any_size()
    {
        var monitor = new DriftMonitor(Baseline, new DriftMonitorOptions { SampleEveryNthRow = 8 });
        var rows = DriftRows.Draw(1_000, seed: 6, r => DriftRows.Normal(r));
        var sizes = new[] { 1, 3, 7, 8, 9, 100, 250, 622 }; // 1,000 rows in all

        var offset = 0;
        foreach (var size in sizes)
        {
            monitor.Observe(rows.AsSpan(offset * Width, size * Width), size, Width);
            offset += size;
        }
        var report = monitor.Report();

        Assert.Equal(1_000, report.RowsSeen);
        Assert.Equal(125, report.RowsSampled);
        Assert.All(report.Features, f => Assert.Equal(125, f.Observed));
    }

    [Fact]
    public void Nan_is_skipped_and_reset_starts_a_new_window()
    {
        var monitor = new DriftMonitor(Baseline);
        var rows = DriftRows.Draw(10, seed: 7, r => DriftRows.Normal(r));
        rows[DriftRows.Vectorizer.Schema.IndexOfDense("lead.log_price")] = float.NaN;

        monitor.Observe(rows, 10, Width);
        Assert.Equal(9, monitor.Report().Features.Single(f => f.Name == "lead.log_price").Observed);

        monitor.Reset();
        var empty = monitor.Report();
        Assert.Equal(0, empty.RowsSeen);
        Assert.All(empty.Features, f => Assert.Equal((0L, 0.0), (f.Observed, f.Psi)));
    }

    [Fact]
    public async Task Concurrent_observers_lose_no_counts()
    {
        var monitor = new DriftMonitor(Baseline, new DriftMonitorOptions { SampleEveryNthRow = 2 });
        var rows = DriftRows.Draw(500, seed: 8, r => DriftRows.Normal(r));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                monitor.Observe(rows, 1 + i % 500, Width);
            }
        })));

        var seen = 4 * Enumerable.Range(0, 200).Sum(i => 1 + i % 500);
        var report = monitor.Report();
        Assert.Equal(seen, report.RowsSeen);
        Assert.Equal(seen / 2, report.RowsSampled);
        Assert.All(report.Features, f => Assert.Equal(seen / 2, f.Observed));
    }

    [Fact]
    public void Rows_narrower_than_the_baseline_columns_are_refused()
    {
        var monitor = new DriftMonitor(Baseline);

        Assert.Throws<ArgumentException>(() => monitor.Observe(new float[100], 10, 10));
        Assert.Throws<ArgumentException>(() => monitor.Observe(new float[Width], 2, Width));
        Assert.Throws<ArgumentException>(() => new DriftMonitor(Baseline, new DriftMonitorOptions { SampleEveryNthRow = 0 }));
    }
}

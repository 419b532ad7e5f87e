using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void RejectsEmptyMarkets()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketSimulator.Simulate(new SimulationOptions { LeadCount = 0, UseKcHouse = false }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketSimulator.Simulate(new SimulationOptions { UserCount = 0, UseKcHouse = false }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketSimulator.Simulate(new SimulationOptions { Days = 0, UseKcHouse = false }));
    }

    [Fact]
    public void AMissingExplicitKcHouseFileIsAnError()
    {
        Assert.Throws<FileNotFoundException>(() =>
            MarketSimulator.Simulate(new SimulationOptions { KcHousePath = "/nonexistent/kc_house_data.csv", LeadCount = 10, UserCount = 2, Days = 1 }));
    }

    [Fact]
    public void SyntheticCity_HasTheRequestedLeadsAndAMixOfKinds()
    {
        var market = MarketSimulator.Simulate(new SimulationOptions { Seed = 2, LeadCount = 800, UserCount = 50, Days = 5, UseKcHouse = false });

        Assert.Equal("synthetic", market.Source);
        Assert.Equal(800, market.Leads.Count);
        Assert.Equal(Enum.GetValues<LeadKind>().Length, market.Leads.Select(l => l.Kind).Distinct().Count());
        Assert.NotEmpty(market.Interactions);
        Assert.NotEmpty(market.MarketPoints);
    }

    [Fact]
    public void WeeklyMarketPointsAreOneDayInSeven()
    {
        var options = new SimulationOptions { Seed = 2, LeadCount = 300, UserCount = 10, Days = 15, UseKcHouse = false, MarketIntervalDays = 7 };

        var dates = MarketSimulator.Simulate(options).MarketPoints.Select(p => p.Date).Distinct().ToList();

        var start = DateOnly.FromDateTime(options.Start.UtcDateTime);
        Assert.Equal([start, start.AddDays(7), start.AddDays(14)], dates);
    }

    [Fact]
    public void ProgressIsReportedOncePerDay()
    {
        var reports = new List<SimulationProgress>();

        MarketSimulator.Simulate(
            new SimulationOptions { Seed = 2, LeadCount = 200, UserCount = 10, Days = 4, UseKcHouse = false }, new SynchronousProgress(reports.Add));

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.DaysDone));
    }

    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}

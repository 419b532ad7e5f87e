using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Retraining;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadRecs.UnitTests.Retraining;

public sealed class RetrainingOptionsTests
{
    [Fact]
    public void The_defaults_retrain_weekly_on_90_days_and_trigger_on_PSI_above_a_quarter()
    {
        var options = Bind([]);
        Assert.Equal(TimeSpan.FromDays(7), options.Period);
        Assert.Equal(TimeSpan.FromDays(90), options.TrainingWindow);
        Assert.Equal(0.25, options.DriftThreshold);
        Assert.Equal(TimeSpan.FromDays(1), options.EffectiveDriftCooldown);
        Assert.Null(options.Problem());
    }

    [Theory]
    [InlineData("6.23:59:00", false, false)]
    [InlineData("7.00:00:00", false, true)]
    [InlineData("14.00:00:00", false, true)]
    [InlineData("15.00:00:00", false, false)]
    [InlineData("00:01:00", true, true)]
    [InlineData("15.00:00:00", true, false)]
    [InlineData("00:00:00", true, false)]
    public void The_period_is_7_to_14_days_unless_a_test_allows_shorter(string period, bool allowShort, bool valid)
    {
        var options = Bind(new() { ["LeadRecs:Retraining:Period"] = period, ["LeadRecs:Retraining:AllowShortPeriod"] = allowShort.ToString() });
        Assert.Equal(valid, options.Problem() is null);
    }

    [Fact]
    public void Invalid_options_stop_the_silo_at_start_with_the_key_named()
    {
        using var services = Services(new() { ["LeadRecs:Retraining:Period"] = "30.00:00:00" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RetrainingOptions>>().Value);
        Assert.Contains("LeadRecs:Retraining:Period", error.Message);
    }

    private static RetrainingOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new RetrainingOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(RetrainingOptions.Section).Bind(options);
        return options;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddLeadRecsGrains()
        .BuildServiceProvider();
}

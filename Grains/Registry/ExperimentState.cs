using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Grains.Registry;

/// <summary>What the experiment grain persists: totals per experiment and variant, and the decisions taken.</summary>
public sealed class ExperimentState
{
    public List<ExperimentTotals> Experiments { get; set; } = [];

    public List<RegistryChange> Decisions { get; set; } = [];

    /// <summary>The last flush added per sender (see <see cref="IExperimentGrain.AddAsync"/>), most recent sender first.</summary>
    public List<TallySource> Sources { get; set; } = [];
}

public sealed class TallySource
{
    public string Source { get; set; } = "";

    public long LastSequence { get; set; }
}

public sealed class ExperimentTotals
{
    public string Experiment { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public List<VariantTotals> Variants { get; set; } = [];

    public VariantTotals For(string variant, string version)
    {
        var totals = Variants.FirstOrDefault(v => v.Variant == variant && v.Version == version);
        if (totals is null)
        {
            Variants.Add(totals = new VariantTotals { Variant = variant, Version = version });
        }
        return totals;
    }
}

public sealed class VariantTotals
{
    public string Variant { get; set; } = "";

    public string Version { get; set; } = "";

    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long Inquiries { get; set; }

    public long Hits { get; set; }
}

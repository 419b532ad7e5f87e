namespace LeadRecs.Client.Api.Hosting;

/// <summary>The demo market an embedded service seeds at start; bound from "LeadRecs:Demo".</summary>
public sealed class DemoMarketOptions
{
    public const string Section = "LeadRecs:Demo";

    public bool Enabled { get; set; } = true;
    public int Seed { get; set; } = 42;
    public int Leads { get; set; } = 2000;
    public int Users { get; set; } = 300;
    public int Days { get; set; } = 30;

    /// <summary>Train a first deep model on the seeded history and serve it once ready (the baseline serves until then).</summary>
    public bool TrainModel { get; set; } = true;

    /// <summary>Kept small so the first model is ready seconds after the market, not minutes.</summary>
    public int TrainEpochs { get; set; } = 3;
}

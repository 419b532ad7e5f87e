namespace LeadRecs.Grains.Registry;

/// <summary>Tunables of the registry and the silos' model hosts; bound from "LeadRecs:Models".</summary>
public sealed class ModelRegistryOptions
{
    public const string Section = "LeadRecs:Models";

    /// <summary>The model name that serves recommendations.</summary>
    public string ServingModel { get; set; } = Interfaces.Models.IModelRegistryGrain.DefaultModelName;

    /// <summary>The canary's share of users when a version is registered without one.</summary>
    public double DefaultCanaryShare { get; set; } = 0.1;

    /// <summary>How often a silo asks the registry for changes it may have missed (pushes are the fast path).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a replaced model stays loaded: a request that picked it just before a swap still scores with it.
    /// Longer than the grain call timeout, so no request can outlive it; ONNX sessions then wait for calls in flight.
    /// </summary>
    public TimeSpan RetiredModelGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each silo sends its experiment counts to the experiment grain.</summary>
    public TimeSpan TallyFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxVersions { get; set; } = 50;

    public int MaxHistory { get; set; } = 200;
}

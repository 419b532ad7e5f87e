using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Models.Deep;

namespace LeadRecs.Ranking.Evaluation;

/// <summary>The models <c>leadrecs eval --models</c> knows, by name.</summary>
public static class ModelCatalog
{
    public const string Popularity = "popularity";
    public const string Bpr = "bpr";
    public const string Deep = "deep";
    public const string DeepNoGeo = "deep-nogeo";

    public static IReadOnlyList<string> Names { get; } = [Deep, DeepNoGeo, Popularity, Bpr];

    public static bool IsBaseline(string name) => name is Popularity or Bpr;

    /// <param name="deep">Settings for the deep variants; geo is switched off for <see cref="DeepNoGeo"/> whatever it says.</param>
    public static IRecommender Create(string name, DeepOptions? deep = null) => name switch
    {
        Popularity => new PopularityRecommender(),
        Bpr => new BprRecommender(),
        Deep => new DeepRecommender(Deep, deep ?? new DeepOptions()),
        DeepNoGeo => new DeepRecommender(DeepNoGeo, (deep ?? new DeepOptions()) with { UseGeo = false }),
        _ => throw new ArgumentException($"unknown model '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}

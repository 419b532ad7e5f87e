using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Models.Deep;
using LeadRecs.Ranking.Evaluation.Models.Ials;
using LeadRecs.Ranking.Evaluation.Models.Linear;

namespace LeadRecs.Ranking.Evaluation;

/// <summary>The models <c>leadrecs eval --models</c> knows, by name.</summary>
public static class ModelCatalog
{
    public const string Popularity = "popularity";
    public const string Bpr = "bpr";
    public const string Deep = "deep";
    public const string DeepNoGeo = "deep-nogeo";
    public const string Ease = "ease";
    public const string Ials = "ials";

    public static IReadOnlyList<string> Names { get; } = [Deep, DeepNoGeo, Popularity, Bpr, Ease, Ials];

    public static bool IsBaseline(string name) => name is Popularity or Bpr or Ease or Ials;

    /// <param name="deep">Settings for the deep variants; geo is switched off for <see cref="DeepNoGeo"/> whatever it says.</param>
    public static IRecommender Create(string name, DeepOptions? deep = null) => name switch
    {
        Popularity => new PopularityRecommender(),
        Bpr => new BprRecommender(),
        Ease => new EaseRecommender(),
        Ials => new IalsRecommender(),
        Deep => new DeepRecommender(Deep, deep ?? new DeepOptions()),
        DeepNoGeo => new DeepRecommender(DeepNoGeo, (deep ?? new DeepOptions()) with { UseGeo = false }),
        _ => throw new ArgumentException($"unknown model '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}

using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.UnitTests.Caching;

public sealed class RankingCacheTests
{
    private static readonly RankingCacheKey Key = new("user-1", 7, "deep", "3", "control");

    [Fact]
    public void A_new_feature_version_model_version_or_variant_is_a_different_key()
    {
        Assert.NotEqual(Key.ToString(), (Key with { FeatureVersion = 8 }).ToString());
        Assert.NotEqual(Key.ToString(), (Key with { ModelVersion = "4" }).ToString());
        Assert.NotEqual(Key.ToString(), (Key with { Variant = "canary" }).ToString());
        Assert.NotEqual(Key.ToString(), (Key with { Model = "baseline" }).ToString());
    }

    [Fact]
    public void User_ids_with_colons_cannot_impersonate_another_key()
    {
        // The user id is last, so "a:7" with version 1 and "a" with version 7 stay apart.
        var first = new RankingCacheKey("a:7", 1, "m", "1", "v").ToString();
        var second = new RankingCacheKey("a", 7, "m", "1", "v").ToString();
        Assert.NotEqual(first, second);
        Assert.EndsWith(":a:7", first);
    }

    [Fact]
    public async Task Without_a_shared_tier_nothing_is_kept()
    {
        var cache = new NoRankingCache();
        await cache.SetAsync(Key, new CachedRanking("r", DateTimeOffset.UnixEpoch, [], Exhaustive: true), TimeSpan.FromMinutes(1));
        Assert.Null(await cache.GetAsync(Key));
        Assert.False(cache.IsEnabled);
    }

    [Fact]
    public void Feedback_is_attributed_to_the_list_it_quotes()
    {
        var lists = new RecentLists();
        var model = new ModelInfo("deep", "3", "treatment");
        lists.Remember("r1", model, ["a", "b"], "deep:3");
        Assert.Equal((model, "deep:3", true), lists.Attribute("r1", "b"));
        Assert.Equal((model, "deep:3", false), lists.Attribute("r1", "z"));
        Assert.Equal((null, "", false), lists.Attribute("unknown", "a"));
    }

    [Fact]
    public void A_lead_is_credited_as_a_hit_once_per_list()
    {
        var lists = new RecentLists();
        var model = new ModelInfo("deep", "3", "control");
        lists.Remember("r1", model, ["a", "b"]);
        Assert.True(lists.Attribute("r1", "a", credit: true).Hit);
        Assert.False(lists.Attribute("r1", "a", credit: true).Hit);
        Assert.True(lists.Attribute("r1", "b").Hit);
        Assert.True(lists.Attribute("r1", "b", credit: true).Hit);
    }

    [Fact]
    public void Old_lists_are_forgotten()
    {
        var lists = new RecentLists();
        var model = new ModelInfo("deep", "3", "treatment");
        lists.Remember("r1", model, ["a"]);
        for (var i = 0; i < RecentLists.Capacity; i++)
        {
            lists.Remember($"later{i}", model, ["x"]);
        }
        Assert.Null(lists.Attribute("r1", "a").Model);
    }
}

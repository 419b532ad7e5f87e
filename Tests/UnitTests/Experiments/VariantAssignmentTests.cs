using LeadRecs.Ranking.Experiments;

namespace LeadRecs.UnitTests.Experiments;

public sealed class VariantAssignmentTests
{
    private const int Users = 100_000;

    private static VariantWeight[] Split(double canary) => [new("stable", "1", 1 - canary), new("canary", "2", canary)];

    private static IEnumerable<string> UserIds() => Enumerable.Range(0, Users).Select(i => $"user-{i}");

    [Theory]
    // Expected values from an independent SHA-256: python3 -c "import hashlib; h=hashlib.sha256(b'exp-1:user-42').digest();
    // print(int.from_bytes(h[:8], 'big') % 10000)"; the same bucket on every machine, process and restart.
    [InlineData("user-42", "exp-1", 9770)]
    [InlineData("alice", "ranker-2026-03", 1280)]
    [InlineData("é", "", 8969)]
    public void Buckets_are_the_first_8_bytes_of_sha256_of_salt_colon_user(string userId, string salt, int bucket)
    {
        Assert.Equal(bucket, VariantAssignment.Bucket(userId, salt));
    }

    [Fact]
    public void A_ten_percent_canary_gets_ten_percent_of_users_within_five_binomial_sigmas()
    {
        var canary = UserIds().Count(u => VariantAssignment.Assign(u, "exp-1", Split(0.1)) == "canary");

        // n = 100,000, p = 0.1: mean 10,000, sigma = sqrt(n p (1 - p)) = sqrt(9,000) ≈ 94.9, so 5 sigma ≈ 474.
        var sigma = Math.Sqrt(Users * 0.1 * 0.9);
        Assert.InRange(canary, 10_000 - 5 * sigma, 10_000 + 5 * sigma);
    }

    [Fact]
    public void A_new_salt_reshuffles_users()
    {
        var first = UserIds().Where(u => VariantAssignment.Assign(u, "exp-1", Split(0.1)) == "canary").ToHashSet();
        var second = UserIds().Where(u => VariantAssignment.Assign(u, "exp-2", Split(0.1)) == "canary").ToList();

        // Independent assignments: each of the ~10,000 new canary users was an old one with p = 0.1, so the overlap is
        // ~1,000 with sigma = sqrt(10,000 x 0.1 x 0.9) = 30. The same salt would give an overlap of 10,000.
        var overlap = second.Count(first.Contains);
        Assert.InRange(overlap, 1_000 - 5 * 30, 1_000 + 5 * 30);
    }

    [Fact]
    public void Growing_the_canary_keeps_every_user_who_was_already_in_it()
    {
        var before = UserIds().Where(u => VariantAssignment.Assign(u, "exp-1", Split(0.1)) == "canary").ToList();
        var after = UserIds().Where(u => VariantAssignment.Assign(u, "exp-1", Split(0.2)) == "canary").ToHashSet();

        Assert.All(before, u => Assert.Contains(u, after));
        var sigma = Math.Sqrt(Users * 0.2 * 0.8);
        Assert.InRange(after.Count, 20_000 - 5 * sigma, 20_000 + 5 * sigma);
    }

    [Fact]
    public void The_first_variant_also_grows_without_moving_its_users()
    {
        VariantWeight[] Canary(double w) => [new("canary", "2", w), new("stable", "1", 1 - w)];
        var before = UserIds().Take(20_000).Where(u => VariantAssignment.Assign(u, "s", Canary(0.05)) == "canary").ToList();

        Assert.NotEmpty(before);
        Assert.All(before, u => Assert.Equal("canary", VariantAssignment.Assign(u, "s", Canary(0.5))));
    }

    [Fact]
    public void Variants_own_consecutive_bucket_ranges_in_list_order()
    {
        VariantWeight[] split = [new("a", "1", 0.25), new("b", "2", 0.5), new("c", "3", 0.25)];
        foreach (var user in UserIds().Take(5_000))
        {
            var bucket = VariantAssignment.Bucket(user, "x");
            var expected = bucket < 2_500 ? "a" : bucket < 7_500 ? "b" : "c";
            Assert.Equal(expected, VariantAssignment.Assign(user, "x", split));
        }
        Assert.Equal("3", VariantAssignment.Choose("user-1", "x", [new("only", "3", 1)]).Version);
    }

    [Fact]
    public void A_zero_weight_variant_gets_nobody()
    {
        VariantWeight[] split = [new("stable", "1", 1), new("canary", "2", 0)];
        Assert.All(UserIds().Take(10_000), u => Assert.Equal("stable", VariantAssignment.Assign(u, "exp", split)));
    }

    [Fact]
    public void Invalid_splits_are_refused()
    {
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("u", "s", []));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("u", "s", [new("a", "1", 0.5), new("b", "2", 0.4)]));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("u", "s", [new("a", "1", 1.5), new("b", "2", -0.5)]));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("u", "s", [new("a", "1", 0.5), new("a", "2", 0.5)]));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("u", "s", [new("a", "1", double.NaN)]));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("u", "s", [new("", "1", 1)]));
        // Rounding in a config file is tolerated.
        Assert.Contains(VariantAssignment.Assign("u", "s", [new("a", "1", 1.0 / 3), new("b", "1", 1.0 / 3), new("c", "1", 1.0 / 3)]), "abc");
    }
}

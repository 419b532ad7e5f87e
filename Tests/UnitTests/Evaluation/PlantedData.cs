using System.Globalization;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.UnitTests.Evaluation;

/// <summary>
/// A tiny dataset with a planted structure: users belong to one of two taste groups and only touch items of their
/// group, which sit in their own neighbourhood. Group 1 has twice the users, so popularity alone pushes group-1
/// items on group-0 users: a model that learns the structure must beat popularity there.
/// </summary>
internal static class PlantedData
{
    public const int Users = 60;
    public const int Items = 40;
    public const int PerUser = 8;

    public static int Group(int user) => user % 3 == 0 ? 0 : 1;

    public static InteractionTable Table(int seed = 5)
    {
        var users = new List<int>();
        var items = new List<int>();
        var times = new List<long>();
        for (var u = 0; u < Users; u++)
        {
            var random = DeterministicRandom.For(seed, "planted", u);
            var first = Group(u) * (Items / 2);
            var chosen = new HashSet<int>();
            while (chosen.Count < PerUser)
            {
                chosen.Add(first + random.Next(Items / 2));
            }

            var t = 1_600_000_000L + u;
            foreach (var item in chosen)
            {
                users.Add(u);
                items.Add(item);
                times.Add(t += 60);
            }
        }

        return new InteractionTable([.. users], [.. items], Enumerable.Repeat(1f, users.Count).ToArray(), [.. times], false, true);
    }

    /// <summary>Group 0's items around one point, group 1's around another 20 km away.</summary>
    public static (double Lat, double Lon) Location(int item)
    {
        var group = item < Items / 2 ? 0 : 1;
        var k = item % (Items / 2);
        return (1.30 + 0.002 * (k % 5), 103.70 + group * 0.18 + 0.002 * (k / 5));
    }

    /// <summary>Writes "u{user},i{item},rating,timestamp" with a header, and the locations as "i{item} lat lon".</summary>
    public static void Write(string ratingsPath, string locationsPath)
    {
        var table = Table();
        File.WriteAllLines(ratingsPath, new[] { "userId,itemId,rating,timestamp" }.Concat(
            Enumerable.Range(0, table.Count).Select(r => $"u{table.Users[r]},i{table.Items[r]},1,{table.Timestamps[r]}")));
        File.WriteAllLines(locationsPath, Enumerable.Range(0, Items).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"i{i} {Location(i).Lat} {Location(i).Lon}")));
    }

    public static ItemLocations Locations() =>
        new(Enumerable.Range(0, Items).Select(i => Location(i).Lat).ToArray(), Enumerable.Range(0, Items).Select(i => Location(i).Lon).ToArray());
}

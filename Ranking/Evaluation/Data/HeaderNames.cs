namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>Column names we recognise in headers, so a header can reorder columns rather than only be skipped.</summary>
internal static class HeaderNames
{
    public static readonly string[] User = ["user", "userid", "user_id", "uid", "customer", "customerid"];

    public static readonly string[] Item =
        ["item", "itemid", "item_id", "iid", "movieid", "movie_id", "venue", "venueid", "venue_id", "poi", "poiid",
         "loc", "location", "locationid", "lead", "leadid", "lead_id", "business_id", "product", "productid"];

    public static readonly string[] Rating = ["rating", "score", "count", "value", "weight", "frequency", "checkins"];

    public static readonly string[] Timestamp = ["timestamp", "time", "ts", "datetime", "date", "utc_time", "created_at", "at"];

    public static readonly string[] Latitude = ["lat", "latitude"];

    public static readonly string[] Longitude = ["lon", "lng", "long", "longitude"];

    public static int Find(IReadOnlyList<string> header, string[] names)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (names.Contains(Normalise(header[i])))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool IsKnown(string field)
    {
        var name = Normalise(field);
        return User.Contains(name) || Item.Contains(name) || Rating.Contains(name) || Timestamp.Contains(name)
            || Latitude.Contains(name) || Longitude.Contains(name);
    }

    private static string Normalise(string field) => field.Trim().Trim('"').Replace(" ", "_", StringComparison.Ordinal).ToLowerInvariant();
}

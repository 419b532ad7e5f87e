using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>Counts and funnel rates of a simulated market; relevance is judged by each user's hidden preference.</summary>
public sealed record SimulationSummary(
    string Source,
    int Leads,
    int Users,
    IReadOnlyList<KeyValuePair<LeadKind, int>> LeadsByKind,
    IReadOnlyList<KeyValuePair<LeadStatus, int>> LeadsByStatus,
    long Views,
    long Clicks,
    long Inquiries,
    double RelevantShareOfViews,
    double RelevantShareOfClicks,
    double RelevantShareOfInquiries,
    double InquiriesPerViewOfRelevant,
    double InquiriesPerViewOfIrrelevant,
    int MarketPoints,
    int StatusChanges,
    double MeanRelevantActiveLeadsPerUser,
    int UsersWithTenRelevantActiveLeads,
    double MeanUnviewedRelevantActiveLeadsPerUser,
    int UsersWithTenUnviewedRelevantActiveLeads)
{
    public double ClicksPerView => Views == 0 ? 0 : (double)Clicks / Views;

    public double InquiriesPerClick => Clicks == 0 ? 0 : (double)Inquiries / Clicks;

    public static SimulationSummary Compute(SimulatedMarket market)
    {
        var leads = market.Leads.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var users = market.Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var counts = new long[3];
        var relevant = new long[3];
        var viewed = market.Users.ToDictionary(u => u.Id, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var e in market.Interactions)
        {
            counts[(int)e.Kind]++;
            viewed[e.UserId].Add(e.LeadId);
            if (users[e.UserId].HiddenPreference.IsRelevant(leads[e.LeadId]))
            {
                relevant[(int)e.Kind]++;
            }
        }
        var (views, clicks, inquiries) = (counts[0], counts[1], counts[2]);
        var (relevantViews, relevantInquiries) = (relevant[0], relevant[2]);
        var relevantActive = market.Users.Select(u => RelevanceEvaluator.RelevantActiveLeads(market, u)).ToList();
        // What is left for a recommender that leaves out leads the user has already seen.
        var unviewed = market.Users.Select((u, i) => relevantActive[i].Count(l => !viewed[u.Id].Contains(l.Id))).ToList();
        return new SimulationSummary(
            market.Source,
            market.Leads.Count,
            market.Users.Count,
            Enum.GetValues<LeadKind>().Select(k => KeyValuePair.Create(k, market.Leads.Count(l => l.Kind == k))).ToList(),
            Enum.GetValues<LeadStatus>().Select(s => KeyValuePair.Create(s, market.Leads.Count(l => l.Status == s))).ToList(),
            views,
            clicks,
            inquiries,
            Share(relevantViews, views),
            Share(relevant[1], clicks),
            Share(relevantInquiries, inquiries),
            Share(relevantInquiries, relevantViews),
            Share(inquiries - relevantInquiries, views - relevantViews),
            market.MarketPoints.Count,
            market.StatusChanges.Count,
            relevantActive.Count == 0 ? 0 : relevantActive.Average(r => r.Count),
            relevantActive.Count(r => r.Count >= 10),
            unviewed.Count == 0 ? 0 : unviewed.Average(),
            unviewed.Count(c => c >= 10));
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}

using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Sales: each morning an active lead goes pending with a small base chance that grows with the inquiries it
/// has been getting, so the leads users want are the ones that sell. A pending sale resolves one to four weeks
/// later, nearly always closing, sometimes falling through back to active.
/// </summary>
internal static class LeadLifecycle
{
    private const double BaseDailyHazard = 0.003;
    private const double HazardPerRecentInquiry = 0.02;
    private const double InquiryMemoryPerDay = 0.8;
    private const double CloseShare = 0.9;

    public static void Advance(int seed, int day, DateTimeOffset dayStart, IReadOnlyList<LeadState> leads, List<LeadStatusChange> changes)
    {
        var random = DeterministicRandom.For(seed, "lifecycle", day);
        var today = new List<(long Ticks, int Lead, LeadStatus Status)>();
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i];
            // Changes land before 06:00, before anyone browses, so no event touches a lead after it left the market.
            var at = dayStart.Ticks + (long)random.NextDouble(0, 6 * 3600) * TimeSpan.TicksPerSecond;
            var roll = random.NextDouble();
            if (lead.Status == LeadStatus.Active && lead.ListedDay < day)
            {
                var hazard = BaseDailyHazard + HazardPerRecentInquiry * Math.Min(lead.RecentInquiries, 5);
                if (roll < hazard)
                {
                    lead.Status = LeadStatus.Pending;
                    lead.ResolveDay = day + 7 + random.Next(22);
                    today.Add((at, i, LeadStatus.Pending));
                }
            }
            else if (lead.Status == LeadStatus.Pending && lead.ResolveDay == day)
            {
                lead.Status = roll < CloseShare ? LeadStatus.Closed : LeadStatus.Active;
                today.Add((at, i, lead.Status));
            }
            lead.RecentInquiries *= InquiryMemoryPerDay;
        }
        today.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Lead.CompareTo(b.Lead));
        foreach (var (ticks, lead, status) in today)
        {
            changes.Add(new LeadStatusChange(leads[lead].Lead.Id, status, new DateTimeOffset(ticks, TimeSpan.Zero)));
        }
    }
}

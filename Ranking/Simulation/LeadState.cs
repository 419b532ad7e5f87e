using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>A lead's mutable state while the simulation runs.</summary>
internal sealed class LeadState(Lead lead, int listedDay, double dailyPriceTrend)
{
    /// <summary>The lead as listed (status active).</summary>
    public Lead Lead { get; } = lead;

    /// <summary>The day it becomes visible; 0 or less for leads already listed when the simulation starts.</summary>
    public int ListedDay { get; } = listedDay;

    /// <summary>The local market's price change per day (log scale); the lead's market value moves with it.</summary>
    public double DailyPriceTrend { get; } = dailyPriceTrend;

    public LeadStatus Status { get; set; } = LeadStatus.Active;

    /// <summary>The day a pending sale either closes or falls through.</summary>
    public int ResolveDay { get; set; } = -1;

    /// <summary>Inquiries received, decayed daily: demand that makes a sale more likely.</summary>
    public double RecentInquiries { get; set; }

    public bool IsVisibleOn(int day) => Status == LeadStatus.Active && ListedDay <= day;

    /// <summary>The market value at the end of <paramref name="day"/>, for market points.</summary>
    public double ValueAt(int day) => Lead.Price * Math.Exp(DailyPriceTrend * (day + 1 - Math.Max(0, ListedDay)));
}

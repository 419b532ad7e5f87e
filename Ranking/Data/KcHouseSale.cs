using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Data;

/// <summary>One King County sale as a lead, plus the sale date the lead's listing date was derived from.</summary>
public sealed record KcHouseSale(Lead Lead, DateTimeOffset SoldAt)
{
    public double DaysOnMarket => (SoldAt - Lead.ListedAt).TotalDays;
}

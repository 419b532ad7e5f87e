namespace LeadRecs.Ranking.Features;

/// <summary>What the user's remembered leads (engaged, viewed) share: one entry per lead, its place and price, and a
/// weight decayed to <see cref="At"/>, so one routine keeps both lists.</summary>
internal interface IRememberedLead
{
    string LeadId { get; set; }

    double Lat { get; set; }

    double Lon { get; set; }

    double Price { get; set; }

    double Weight { get; set; }

    DateTimeOffset At { get; set; }
}

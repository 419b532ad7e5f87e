using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Client.Api.Security;

/// <summary>Reasons on the wire use the same names as the "LeadRecs.Fraud" metrics' reason tag.</summary>
public static class FraudReasonNames
{
    public static string Of(InteractionFlags reason) => FraudMetrics.Tag(reason);
}

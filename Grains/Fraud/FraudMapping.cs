using Contract = LeadRecs.Grains.Interfaces.Messages;
using Domain = LeadRecs.Ranking.Domain;

namespace LeadRecs.Grains.Fraud;

/// <summary>The wire flags mirror the ranking library's value for value (see the contract mirror tests).</summary>
public static class FraudMapping
{
    public static Domain.InteractionFlags ToDomain(this Contract.InteractionFlags flags) => (Domain.InteractionFlags)(short)flags;

    public static Contract.InteractionFlags ToContract(this Domain.InteractionFlags flags) => (Contract.InteractionFlags)(short)flags;

    public static Contract.InteractionKind ToContract(this Domain.InteractionKind kind) => (Contract.InteractionKind)(int)kind;
}

using LeadRecs.Grains.Interfaces;
using LeadRecs.Ranking.Geo;
using Contract = LeadRecs.Grains.Interfaces.Messages;
using Domain = LeadRecs.Ranking.Domain;

namespace LeadRecs.UnitTests.Contracts;

/// <summary>
/// The wire contracts (Grains.Interfaces, Orleans only) mirror the ranking library's enums and constants, which
/// cannot be shared because Ranking must not depend on Orleans. Mapping casts by value, so they must agree.
/// </summary>
public sealed class ContractMirrorTests
{
    private static void AssertMirror<TContract, TDomain>()
        where TContract : struct, Enum
        where TDomain : struct, Enum
    {
        var contract = Enum.GetValues<TContract>().Select(v => (v.ToString(), Convert.ToInt32(v)));
        var domain = Enum.GetValues<TDomain>().Select(v => (v.ToString(), Convert.ToInt32(v)));
        Assert.Equal(domain, contract);
    }

    [Fact]
    public void Enums_agree_name_for_name_and_value_for_value()
    {
        AssertMirror<Contract.LeadKind, Domain.LeadKind>();
        AssertMirror<Contract.LeadStatus, Domain.LeadStatus>();
        AssertMirror<Contract.InteractionKind, Domain.InteractionKind>();
    }

    [Fact]
    public void Cells_are_stored_at_the_ranking_library_default_zoom()
    {
        Assert.Equal(GeoCell.DefaultZoom, GeoRegions.CellZoom);
        Assert.True(GeoRegions.Zoom < GeoRegions.CellZoom);
    }
}

using LeadRecs.Ranking.Evaluation.Reporting;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class SignTestTests
{
    [Fact]
    public void EightWinsTwoLosses_MatchesTheBinomialTailByHand()
    {
        // 2 (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 2 * 56 / 1024
        Assert.Equal(112 / 1024.0, SignTest.TwoSidedP(8, 2), 12);
        Assert.Equal(112 / 1024.0, SignTest.TwoSidedP(2, 8), 12);
    }

    [Fact]
    public void AnEvenSplit_IsNotSignificant() => Assert.Equal(1.0, SignTest.TwoSidedP(50, 50));

    [Fact]
    public void ALargeOneSidedSample_IsTiny() => Assert.True(SignTest.TwoSidedP(1000, 900) < 0.05 && SignTest.TwoSidedP(1000, 900) > 1e-4);

    [Fact]
    public void Compare_DropsLevelUsers()
    {
        var result = SignTest.Compare([1, 0.5, 0, 0, 1], [0, 0.5, 1, 0, 0]);

        Assert.Equal(new SignTestResult(2, 1, 2, 1.0), result);
    }
}

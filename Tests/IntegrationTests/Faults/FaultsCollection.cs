namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// The fault scenarios run one after the other, never beside each other: each starts two silos and two APIs and
/// measures how long clients go without service, which a second such deployment on the same cores would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}

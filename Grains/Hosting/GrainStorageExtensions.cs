namespace LeadRecs.Grains.Hosting;

public static class GrainStorageExtensions
{
    /// <summary>In-memory grain storage (embedded mode, tests) with the same state format as the real storage.</summary>
    public static ISiloBuilder AddLeadRecsMemoryStorage(this ISiloBuilder silo) =>
        silo.AddMemoryGrainStorage(LeadRecsGrainOptions.StorageName, o => o.GrainStorageSerializer = GrainStateSerializer.Instance);
}

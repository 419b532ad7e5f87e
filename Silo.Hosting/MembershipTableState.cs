namespace LeadRecs.Silo.Hosting;

/// <summary>What a silo's last look at the membership table found.</summary>
public enum MembershipTableState
{
    /// <summary>Not checked yet.</summary>
    Starting,

    /// <summary>The table is there with this silo's row.</summary>
    Registered,

    /// <summary>The table was lost and this silo wrote its copy back (or found it already written back).</summary>
    Restored,

    /// <summary>The table was lost; this silo added its copy and the table is open for the others' for a moment.</summary>
    Restoring,

    /// <summary>The table is lost and this silo could not write it back (not active, or no recent copy).</summary>
    TableLost,

    /// <summary>The table is there but has no row for this silo.</summary>
    EntryMissing,

    /// <summary>Redis did not answer.</summary>
    StoreUnreachable,
}

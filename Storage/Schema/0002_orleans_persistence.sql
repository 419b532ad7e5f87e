-- Grain state for Microsoft.Orleans.Persistence.AdoNet 10.4 (invariant "Npgsql").
-- The provider sends only a binary payload (its serializer decides the format), so there are no JSON/XML columns.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainTypeHash integer NOT NULL,
    GrainTypeString varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId varchar(150) NOT NULL,
    PayloadBinary bytea NULL,
    ModifiedOn timestamptz NOT NULL,
    Version integer NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Optimistic concurrency on Version: the provider treats "same version back" (or none) as an ETag conflict
-- and throws InconsistentStateException.
CREATE OR REPLACE FUNCTION WriteToStorage(
    _GrainIdHash integer,
    _GrainIdN0 bigint,
    _GrainIdN1 bigint,
    _GrainTypeHash integer,
    _GrainTypeString varchar,
    _GrainIdExtensionString varchar,
    _ServiceId varchar,
    _GrainStateVersion integer,
    _PayloadBinary bytea)
    RETURNS TABLE (NewGrainStateVersion integer)
    LANGUAGE plpgsql
AS $function$
DECLARE
    _RowCount integer := 0;
BEGIN
    IF _GrainStateVersion IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = _PayloadBinary,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE GrainIdHash = _GrainIdHash
          AND GrainTypeHash = _GrainTypeHash
          AND GrainIdN0 = _GrainIdN0
          AND GrainIdN1 = _GrainIdN1
          AND GrainTypeString = _GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM _GrainIdExtensionString
          AND ServiceId = _ServiceId
          AND Version = _GrainStateVersion;
        GET DIAGNOSTICS _RowCount = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN _RowCount > 0 THEN _GrainStateVersion + 1 ELSE _GrainStateVersion END;
        RETURN;
    END IF;

    -- First write of this grain: two activations (split brain) may race here, and NOT EXISTS alone does not
    -- stop both inserting under READ COMMITTED, so serialise on the grain's hashes for this transaction.
    PERFORM pg_advisory_xact_lock(_GrainIdHash, _GrainTypeHash);
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT _GrainIdHash, _GrainIdN0, _GrainIdN1, _GrainTypeHash, _GrainTypeString, _GrainIdExtensionString,
           _ServiceId, _PayloadBinary, now(), 1
    WHERE NOT EXISTS (
        SELECT 1
        FROM OrleansStorage
        WHERE GrainIdHash = _GrainIdHash
          AND GrainTypeHash = _GrainTypeHash
          AND GrainIdN0 = _GrainIdN0
          AND GrainIdN1 = _GrainIdN1
          AND GrainTypeString = _GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM _GrainIdExtensionString
          AND ServiceId = _ServiceId);
    GET DIAGNOSTICS _RowCount = ROW_COUNT;
    RETURN QUERY SELECT CASE WHEN _RowCount > 0 THEN 1 ELSE NULL::integer END;
END
$function$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', $q$
    SELECT NewGrainStateVersion
    FROM WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
$q$),
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
$q$),
-- Clear and delete answer the caller's own version when nothing matched, so a stale ETag surfaces as a
-- conflict (the provider compares the answer with its ETag) instead of passing silently.
('ClearStorageKey', $q$
    WITH cleared AS (
        UPDATE OrleansStorage
        SET PayloadBinary = NULL,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE GrainIdHash = @GrainIdHash
          AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0
          AND GrainIdN1 = @GrainIdN1
          AND GrainTypeString = @GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
          AND ServiceId = @ServiceId
          AND Version = @GrainStateVersion
        RETURNING Version)
    SELECT COALESCE((SELECT Version FROM cleared), @GrainStateVersion) AS NewGrainStateVersion
$q$),
('DeleteStorageKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansStorage
        WHERE GrainIdHash = @GrainIdHash
          AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0
          AND GrainIdN1 = @GrainIdN1
          AND GrainTypeString = @GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
          AND ServiceId = @ServiceId
          AND Version = @GrainStateVersion
        RETURNING Version)
    SELECT COALESCE((SELECT Version + 1 FROM deleted), @GrainStateVersion) AS NewGrainStateVersion
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

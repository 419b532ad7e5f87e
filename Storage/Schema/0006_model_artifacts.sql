-- Model artifacts (ONNX bytes and manifest) addressed by the sha256 of the bytes: the registry names a version's
-- artifact by hash, so the same bytes uploaded twice are stored once and a row never changes once written.
CREATE TABLE IF NOT EXISTS model_artifacts
(
    sha256 char(64) PRIMARY KEY,
    model_name text NOT NULL,
    model_version text NOT NULL,
    manifest text NOT NULL,
    onnx bytea NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now()
);

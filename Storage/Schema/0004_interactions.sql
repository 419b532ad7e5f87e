-- The interaction log: append-only, what training reads and what a 202 from POST /api/events promises.
CREATE TABLE IF NOT EXISTS interactions
(
    id bigserial PRIMARY KEY,
    -- Clients send their own id so a retried batch is not counted twice; rows written without one get a
    -- server id (the application normally assigns it first, so the caller learns it).
    event_id text NOT NULL DEFAULT ('srv-' || gen_random_uuid()::text),
    user_id text NOT NULL,
    lead_id text NOT NULL,
    kind smallint NOT NULL,
    occurred_at timestamptz NOT NULL,
    recommendation_id text NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- Bit flags set after the fact (e.g. by fraud filtering), so readers can exclude rows without deleting them.
    flags smallint NOT NULL DEFAULT 0,
    CONSTRAINT interactions_event_id_key UNIQUE (event_id),
    -- InteractionKind: 0 view, 1 click, 2 inquiry.
    CONSTRAINT interactions_kind_check CHECK (kind BETWEEN 0 AND 2)
);

-- Training and evaluation read time windows.
CREATE INDEX IF NOT EXISTS interactions_occurred_at_idx ON interactions (occurred_at);

-- The clinic server's store (PostgreSQL / PGlite). Applied by src-server/db/migrate.ts.
-- HLC text is compared byte by byte (COLLATE "C"): its fixed-width form sorts as it orders.

CREATE TABLE clinics (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at bigint NOT NULL,
  -- The last server sequence handed out: the per-clinic counter row a push locks, so
  -- sequences become visible in commit order.
  head bigint NOT NULL DEFAULT 0,
  -- Changes at or below this sequence have been compacted away; a device behind it gets a snapshot.
  floor_seq bigint NOT NULL DEFAULT 0,
  -- The newest app schema a device of this clinic has pushed with; older apps must update.
  min_schema integer NOT NULL DEFAULT 0
);

CREATE TABLE devices (
  id text PRIMARY KEY,
  clinic_id text NOT NULL REFERENCES clinics(id),
  name text NOT NULL,
  node_id text NOT NULL,
  -- SHA-256 of the bearer token; the token itself is never stored.
  token_hash text NOT NULL UNIQUE,
  can_admin boolean NOT NULL DEFAULT false,
  enrolled_at bigint NOT NULL,
  last_seen_at bigint,
  revoked_at bigint,
  schema_version integer NOT NULL DEFAULT 0
);
CREATE INDEX devices_clinic ON devices (clinic_id);

CREATE TABLE enrol_codes (
  code_hash text PRIMARY KEY,
  clinic_id text NOT NULL REFERENCES clinics(id),
  can_admin boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint,
  used_by text
);

-- Every accepted field change, in server order. Unique on the change's identity so a
-- batch sent twice applies once.
CREATE TABLE changes (
  clinic_id text NOT NULL,
  seq bigint NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  op_id text NOT NULL,
  table_name text NOT NULL,
  row_id text NOT NULL,
  field text NOT NULL,
  value text,
  user_id text,
  device_id text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (clinic_id, seq)
);
CREATE UNIQUE INDEX changes_identity ON changes (clinic_id, hlc, table_name, row_id, field);

-- The current value of every field: last writer wins by HLC (the node id in it breaks ties).
CREATE TABLE field_state (
  clinic_id text NOT NULL,
  table_name text NOT NULL,
  row_id text NOT NULL,
  field text NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  value text,
  seq bigint NOT NULL,
  PRIMARY KEY (clinic_id, table_name, row_id, field)
);

-- Compacted history, kept for the audit trail: who changed what, when (values dropped).
CREATE TABLE change_history (
  clinic_id text NOT NULL,
  seq bigint NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  table_name text NOT NULL,
  row_id text NOT NULL,
  field text NOT NULL,
  user_id text,
  device_id text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (clinic_id, seq)
);

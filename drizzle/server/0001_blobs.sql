-- Document files, content-addressed by SHA-256 and kept in the database (so every server
-- process behind a load balancer sees the same files, and a backup of the database has them).
-- A file arrives in fixed-size chunks (src-shared/sync/blobs.ts); once all are in, the server
-- hashes the whole and marks it complete. Only complete files are served.

CREATE TABLE blobs (
  clinic_id text NOT NULL REFERENCES clinics(id),
  sha256 text NOT NULL,
  size bigint NOT NULL,
  complete boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL,
  completed_at bigint,
  -- The device that sent the first chunk (for support, not for access: any device of the clinic reads it).
  created_by text,
  PRIMARY KEY (clinic_id, sha256)
);

CREATE TABLE blob_chunks (
  clinic_id text NOT NULL,
  sha256 text NOT NULL,
  idx integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (clinic_id, sha256, idx),
  FOREIGN KEY (clinic_id, sha256) REFERENCES blobs (clinic_id, sha256) ON DELETE CASCADE
);

-- Changes the server refused because the person behind them may not make them (their role,
-- a switched-off account, or no person at all): kept, with the reason, for the clinic's
-- administrator to review, never applied and never sent to other computers.
-- See src-shared/sync/write-rules.ts for the rules.

CREATE TABLE refused_changes (
  clinic_id text NOT NULL REFERENCES clinics(id),
  device_id text NOT NULL,
  hlc text NOT NULL COLLATE "C",
  op_id text NOT NULL,
  table_name text NOT NULL,
  row_id text NOT NULL,
  field text NOT NULL,
  value text,
  user_id text,
  reason text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (clinic_id, hlc, table_name, row_id, field)
);
CREATE INDEX refused_changes_device_idx ON refused_changes (clinic_id, device_id, received_at);

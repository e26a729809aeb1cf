-- Organisations, users, roles, sessions, second factors and the audit trail.
-- Times are Unix seconds (UTC). Flags are 0/1 integers so the same SQL runs on PostgreSQL.

CREATE TABLE organisations (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX organisations_name ON organisations (lower(name));

CREATE TABLE users (
  id                    INTEGER PRIMARY KEY,
  organisation_id       INTEGER NOT NULL REFERENCES organisations (id),
  username              TEXT NOT NULL UNIQUE,
  display_name          TEXT NOT NULL,
  password_hash         TEXT NOT NULL,
  must_change_password  INTEGER NOT NULL DEFAULT 1,
  disabled              INTEGER NOT NULL DEFAULT 0,
  totp_secret           BLOB,
  totp_enabled          INTEGER NOT NULL DEFAULT 0,
  totp_last_step        INTEGER NOT NULL DEFAULT 0,
  failed_logins         INTEGER NOT NULL DEFAULT 0,
  last_failed_login_at  INTEGER NOT NULL DEFAULT 0,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE user_roles (
  user_id  INTEGER NOT NULL REFERENCES users (id),
  role     TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE recovery_codes (
  user_id      INTEGER NOT NULL REFERENCES users (id),
  code_digest  TEXT NOT NULL,
  used_at      INTEGER,
  PRIMARY KEY (user_id, code_digest)
);

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  token_digest  TEXT NOT NULL UNIQUE,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     INTEGER,
  actor_org_id INTEGER,
  action       TEXT NOT NULL,
  object_type  TEXT NOT NULL,
  object_id    TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);

-- The chain's head: one row, updated with every append. Its row lock serialises appends
-- across processes on PostgreSQL; on SQLite the single writer already does.
CREATE TABLE audit_head (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  last_id    INTEGER NOT NULL,
  last_hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');

-- Append-only: Lifeline never edits or deletes audit entries, and the database refuses to.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- One value sealed with each field key, so a wrong or swapped key file is detected at start.
CREATE TABLE key_checks (
  key_id  BIGINT PRIMARY KEY,
  sealed  BLOB NOT NULL
);

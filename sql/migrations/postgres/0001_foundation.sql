-- Organisations, users, roles, sessions, second factors and the audit trail.
-- Times are Unix seconds (UTC). Flags are 0/1 integers so the same SQL runs on SQLite.

CREATE TABLE organisations (
  id          BIGSERIAL PRIMARY KEY,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX organisations_name ON organisations (lower(name));

CREATE TABLE users (
  id                    BIGSERIAL PRIMARY KEY,
  organisation_id       BIGINT NOT NULL REFERENCES organisations (id),
  username              TEXT NOT NULL UNIQUE,
  display_name          TEXT NOT NULL,
  password_hash         TEXT NOT NULL,
  must_change_password  BIGINT NOT NULL DEFAULT 1,
  disabled              BIGINT NOT NULL DEFAULT 0,
  totp_secret           BYTEA,
  totp_enabled          BIGINT NOT NULL DEFAULT 0,
  totp_last_step        BIGINT NOT NULL DEFAULT 0,
  failed_logins         BIGINT NOT NULL DEFAULT 0,
  last_failed_login_at  BIGINT NOT NULL DEFAULT 0,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE user_roles (
  user_id  BIGINT NOT NULL REFERENCES users (id),
  role     TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE recovery_codes (
  user_id      BIGINT NOT NULL REFERENCES users (id),
  code_digest  TEXT NOT NULL,
  used_at      BIGINT,
  PRIMARY KEY (user_id, code_digest)
);

CREATE TABLE sessions (
  id            BIGSERIAL PRIMARY KEY,
  token_digest  TEXT NOT NULL UNIQUE,
  user_id       BIGINT NOT NULL REFERENCES users (id),
  created_at    BIGINT NOT NULL,
  last_seen_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  id           BIGINT PRIMARY KEY,
  at           BIGINT NOT NULL,
  actor_id     BIGINT,
  actor_org_id BIGINT,
  action       TEXT NOT NULL,
  object_type  TEXT NOT NULL,
  object_id    TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);

-- The chain's head: one row, updated with every append. Its row lock serialises appends
-- across processes.
CREATE TABLE audit_head (
  id         BIGINT PRIMARY KEY CHECK (id = 1),
  last_id    BIGINT NOT NULL,
  last_hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');

-- Append-only: Lifeline never edits or deletes audit entries, and the database refuses to.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- One value sealed with each field key, so a wrong or swapped key file is detected at start.
CREATE TABLE key_checks (
  key_id  BIGINT PRIMARY KEY,
  sealed  BYTEA NOT NULL
);

-- The hotline: contacts (web reports and advice requests from the public, and calls, chats and
-- emails an operator logs), the follow-up thread with an anonymous reporter, links between
-- contacts about the same situation, and tips forwarded to the police.
-- Free text and contact details are sealed by the field cipher (associated data: table,
-- column, row id). Nothing about the reporter is kept that they did not type: no address, no
-- user agent. The follow-up passphrase is kept only as an Argon2id hash.
CREATE TABLE hotline_contacts (
  id                 BIGSERIAL PRIMARY KEY,
  kind               TEXT NOT NULL,
  channel            TEXT NOT NULL,
  language           TEXT NOT NULL DEFAULT '',
  caller_type        TEXT NOT NULL,
  code               TEXT UNIQUE,
  passphrase_hash    TEXT,
  received_at        BIGINT NOT NULL,
  logged_by          BIGINT REFERENCES users (id),
  people_count       BIGINT,
  children_involved  TEXT NOT NULL DEFAULT 'unknown',
  exploitation_types TEXT NOT NULL DEFAULT '[]',
  indicators         TEXT NOT NULL DEFAULT '[]',
  region             TEXT NOT NULL DEFAULT '',
  what               BYTEA,
  where_text         BYTEA,
  when_text          BYTEA,
  contact            BYTEA,
  notes              BYTEA,
  urgent             BIGINT NOT NULL DEFAULT 0,
  status             TEXT NOT NULL DEFAULT 'new',
  outcome            TEXT NOT NULL DEFAULT '',
  case_id            BIGINT REFERENCES nrm_cases (id),
  awaiting_reply     BIGINT NOT NULL DEFAULT 0,
  updated_at         BIGINT NOT NULL
);
CREATE INDEX hotline_contacts_queue ON hotline_contacts (status, urgent, id);
CREATE INDEX hotline_contacts_all ON hotline_contacts (urgent, id);

CREATE TABLE hotline_messages (
  id         BIGSERIAL PRIMARY KEY,
  contact_id BIGINT NOT NULL REFERENCES hotline_contacts (id),
  at         BIGINT NOT NULL,
  author     TEXT NOT NULL,
  user_id    BIGINT REFERENCES users (id),
  body       BYTEA
);
CREATE INDEX hotline_messages_contact ON hotline_messages (contact_id, id);

CREATE TABLE hotline_links (
  contact_id BIGINT NOT NULL REFERENCES hotline_contacts (id),
  linked_id  BIGINT NOT NULL REFERENCES hotline_contacts (id),
  linked_by  BIGINT NOT NULL REFERENCES users (id),
  linked_at  BIGINT NOT NULL,
  PRIMARY KEY (contact_id, linked_id)
);

CREATE TABLE hotline_tips (
  id              BIGSERIAL PRIMARY KEY,
  contact_id      BIGINT NOT NULL REFERENCES hotline_contacts (id),
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  fields          TEXT NOT NULL,
  content         BYTEA,
  forwarded_by    BIGINT NOT NULL REFERENCES users (id),
  forwarded_at    BIGINT NOT NULL
);
CREATE INDEX hotline_tips_organisation ON hotline_tips (organisation_id, id);

-- Photographs sent with a report, stripped of their metadata before they were stored, then
-- sealed whole.
CREATE TABLE hotline_attachments (
  id           BIGSERIAL PRIMARY KEY,
  contact_id   BIGINT NOT NULL REFERENCES hotline_contacts (id),
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  added_at     BIGINT NOT NULL,
  content      BYTEA
);
CREATE INDEX hotline_attachments_contact ON hotline_attachments (contact_id, id);

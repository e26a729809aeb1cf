-- The hotline: contacts (web reports and advice requests from the public, and calls, chats and
-- emails an operator logs), the follow-up thread with an anonymous reporter, links between
-- contacts about the same situation, and tips forwarded to the police.
-- Free text and contact details are sealed by the field cipher (associated data: table,
-- column, row id). Nothing about the reporter is kept that they did not type: no address, no
-- user agent. The follow-up passphrase is kept only as an Argon2id hash.
CREATE TABLE hotline_contacts (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL,
  channel            TEXT NOT NULL,
  language           TEXT NOT NULL DEFAULT '',
  caller_type        TEXT NOT NULL,
  code               TEXT UNIQUE,
  passphrase_hash    TEXT,
  received_at        INTEGER NOT NULL,
  logged_by          INTEGER REFERENCES users (id),
  people_count       INTEGER,
  children_involved  TEXT NOT NULL DEFAULT 'unknown',
  exploitation_types TEXT NOT NULL DEFAULT '[]',
  indicators         TEXT NOT NULL DEFAULT '[]',
  region             TEXT NOT NULL DEFAULT '',
  what               BLOB,
  where_text         BLOB,
  when_text          BLOB,
  contact            BLOB,
  notes              BLOB,
  urgent             INTEGER NOT NULL DEFAULT 0,
  status             TEXT NOT NULL DEFAULT 'new',
  outcome            TEXT NOT NULL DEFAULT '',
  case_id            INTEGER REFERENCES nrm_cases (id),
  awaiting_reply     INTEGER NOT NULL DEFAULT 0,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX hotline_contacts_queue ON hotline_contacts (status, urgent, id);
CREATE INDEX hotline_contacts_all ON hotline_contacts (urgent, id);

CREATE TABLE hotline_messages (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES hotline_contacts (id),
  at         INTEGER NOT NULL,
  author     TEXT NOT NULL,
  user_id    INTEGER REFERENCES users (id),
  body       BLOB
);
CREATE INDEX hotline_messages_contact ON hotline_messages (contact_id, id);

CREATE TABLE hotline_links (
  contact_id INTEGER NOT NULL REFERENCES hotline_contacts (id),
  linked_id  INTEGER NOT NULL REFERENCES hotline_contacts (id),
  linked_by  INTEGER NOT NULL REFERENCES users (id),
  linked_at  INTEGER NOT NULL,
  PRIMARY KEY (contact_id, linked_id)
);

CREATE TABLE hotline_tips (
  id              INTEGER PRIMARY KEY,
  contact_id      INTEGER NOT NULL REFERENCES hotline_contacts (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  fields          TEXT NOT NULL,
  content         BLOB,
  forwarded_by    INTEGER NOT NULL REFERENCES users (id),
  forwarded_at    INTEGER NOT NULL
);
CREATE INDEX hotline_tips_organisation ON hotline_tips (organisation_id, id);

-- Photographs sent with a report, stripped of their metadata before they were stored, then
-- sealed whole.
CREATE TABLE hotline_attachments (
  id           INTEGER PRIMARY KEY,
  contact_id   INTEGER NOT NULL REFERENCES hotline_contacts (id),
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  added_at     INTEGER NOT NULL,
  content      BLOB
);
CREATE INDEX hotline_attachments_contact ON hotline_attachments (contact_id, id);

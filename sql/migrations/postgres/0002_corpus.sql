-- The commitments compendium: OSCE documents, their provisions, the Compendium's keywords and
-- literature, and the links between provisions. Public documents: nothing here is personal.
-- Lists that are only ever read whole (heading path, dash items, languages) are JSON arrays.

CREATE TABLE corpus_documents (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  symbol      TEXT NOT NULL,
  issued_by   TEXT NOT NULL,
  adopted     TEXT NOT NULL,
  preamble    TEXT NOT NULL,
  statements  TEXT NOT NULL,
  sequence    BIGINT NOT NULL,
  origin      TEXT NOT NULL,
  imported_at BIGINT NOT NULL
);

CREATE TABLE corpus_provisions (
  id           TEXT PRIMARY KEY,
  document_id  TEXT NOT NULL REFERENCES corpus_documents (id),
  position     BIGINT NOT NULL UNIQUE,
  chapter      TEXT NOT NULL,
  heading_path TEXT NOT NULL,
  number       TEXT NOT NULL,
  text         TEXT NOT NULL,
  items        TEXT NOT NULL,
  pillar       TEXT NOT NULL,
  level        TEXT NOT NULL
);
CREATE INDEX corpus_provisions_document ON corpus_provisions (document_id, position);

CREATE TABLE corpus_provision_actors (
  provision_id TEXT NOT NULL REFERENCES corpus_provisions (id),
  actor        TEXT NOT NULL,
  PRIMARY KEY (provision_id, actor)
);
CREATE INDEX corpus_provision_actors_actor ON corpus_provision_actors (actor);

CREATE TABLE corpus_keywords (
  name TEXT PRIMARY KEY
);

-- source: 'compendium' when the 2019 Compendium lists the provision under the keyword,
-- 'inferred' when Lifeline's keyword rules matched the provision's text.
CREATE TABLE corpus_provision_keywords (
  provision_id TEXT NOT NULL REFERENCES corpus_provisions (id),
  keyword      TEXT NOT NULL REFERENCES corpus_keywords (name),
  source       TEXT NOT NULL,
  PRIMARY KEY (provision_id, keyword)
);
CREATE INDEX corpus_provision_keywords_keyword ON corpus_provision_keywords (keyword);

CREATE TABLE corpus_links (
  from_provision TEXT NOT NULL REFERENCES corpus_provisions (id),
  to_provision   TEXT NOT NULL,
  to_document    TEXT NOT NULL,
  quote          TEXT NOT NULL,
  PRIMARY KEY (from_provision, to_provision, to_document)
);
CREATE INDEX corpus_links_to ON corpus_links (to_provision);

CREATE TABLE corpus_resources (
  id        TEXT PRIMARY KEY,
  publisher TEXT NOT NULL,
  title     TEXT NOT NULL,
  year      TEXT NOT NULL,
  url       TEXT NOT NULL,
  languages TEXT NOT NULL
);

CREATE TABLE corpus_citations (
  resource_id  TEXT NOT NULL REFERENCES corpus_resources (id),
  keyword      TEXT NOT NULL REFERENCES corpus_keywords (name),
  provision_id TEXT NOT NULL REFERENCES corpus_provisions (id),
  pages        TEXT NOT NULL,
  PRIMARY KEY (resource_id, keyword, provision_id)
);
CREATE INDEX corpus_citations_provision ON corpus_citations (provision_id);
CREATE INDEX corpus_citations_keyword ON corpus_citations (keyword);

-- One row. shipped_version identifies the shipped texts and importer that built the shipped
-- part; revision grows with every change so that each process knows when to re-index.
CREATE TABLE corpus_state (
  id              BIGINT PRIMARY KEY CHECK (id = 1),
  shipped_version TEXT NOT NULL,
  revision        BIGINT NOT NULL
);
INSERT INTO corpus_state (id, shipped_version, revision) VALUES (1, '', 0);

-- Monitoring: the national action plan (plans, measures linked to compendium provisions,
-- indicators, progress reports) and questionnaire rounds (items versioned once a round opens,
-- respondents, answers with their history). Nothing here is personal: plans, bodies and the
-- answers of States. Lists read whole are JSON arrays; dates are ISO 8601 text.

CREATE TABLE monitoring_plans (
  id               INTEGER PRIMARY KEY,
  title            TEXT NOT NULL,
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL,
  previous_plan_id INTEGER REFERENCES monitoring_plans (id),
  superseded_at    INTEGER,
  created_by       INTEGER NOT NULL REFERENCES users (id),
  created_at       INTEGER NOT NULL
);

CREATE TABLE monitoring_measures (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES monitoring_plans (id),
  title           TEXT NOT NULL,
  description     TEXT NOT NULL,
  bodies          TEXT NOT NULL,
  partners        TEXT NOT NULL,
  budget          REAL,
  currency        TEXT NOT NULL,
  start_on        TEXT NOT NULL,
  due_on          TEXT NOT NULL,
  carried_from_id INTEGER REFERENCES monitoring_measures (id),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX monitoring_measures_plan ON monitoring_measures (plan_id, id);

CREATE TABLE monitoring_measure_provisions (
  measure_id   INTEGER NOT NULL REFERENCES monitoring_measures (id),
  provision_id TEXT NOT NULL,
  PRIMARY KEY (measure_id, provision_id)
);

CREATE TABLE monitoring_indicators (
  id              INTEGER PRIMARY KEY,
  measure_id      INTEGER NOT NULL REFERENCES monitoring_measures (id),
  name            TEXT NOT NULL,
  unit            TEXT NOT NULL,
  baseline        REAL,
  target          REAL,
  target_text     TEXT NOT NULL,
  frequency       TEXT NOT NULL,
  carried_from_id INTEGER REFERENCES monitoring_indicators (id),
  created_at      INTEGER NOT NULL
);
CREATE INDEX monitoring_indicators_measure ON monitoring_indicators (measure_id, id);

-- Progress reports are never changed: a correction is a new report for the same due date, and
-- the latest one counts.
CREATE TABLE monitoring_progress_reports (
  id           INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES monitoring_indicators (id),
  due_on       TEXT NOT NULL,
  status       TEXT NOT NULL,
  value        REAL,
  note         TEXT NOT NULL,
  evidence     TEXT NOT NULL,
  reported_by  INTEGER NOT NULL REFERENCES users (id),
  reported_at  INTEGER NOT NULL
);
CREATE INDEX monitoring_progress_reports_indicator ON monitoring_progress_reports (indicator_id, due_on, id);

-- Who answers questionnaire rounds: the participating States (from the shipped list) and
-- Partners for Co-operation; organisation_id is the organisation whose co-ordinators answer.
CREATE TABLE monitoring_respondents (
  code            TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  organisation_id INTEGER REFERENCES organisations (id)
);

CREATE TABLE monitoring_rounds (
  id               INTEGER PRIMARY KEY,
  title            TEXT NOT NULL,
  status           TEXT NOT NULL,
  include_partners INTEGER NOT NULL,
  created_by       INTEGER NOT NULL REFERENCES users (id),
  created_at       INTEGER NOT NULL,
  opened_at        INTEGER,
  closed_at        INTEGER
);

-- One row per version of an item; a revision in an open round retires the row it replaces.
CREATE TABLE monitoring_items (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES monitoring_rounds (id),
  code         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  definition   TEXT NOT NULL,
  provision_id TEXT NOT NULL,
  retired_at   INTEGER,
  created_at   INTEGER NOT NULL,
  UNIQUE (round_id, code, version)
);
CREATE INDEX monitoring_items_round ON monitoring_items (round_id, position);

-- The respondents of a round, fixed when it opens.
CREATE TABLE monitoring_round_respondents (
  round_id     INTEGER NOT NULL REFERENCES monitoring_rounds (id),
  code         TEXT NOT NULL REFERENCES monitoring_respondents (code),
  submitted_at INTEGER,
  submitted_by INTEGER REFERENCES users (id),
  PRIMARY KEY (round_id, code)
);

CREATE TABLE monitoring_answers (
  id         INTEGER PRIMARY KEY,
  round_id   INTEGER NOT NULL REFERENCES monitoring_rounds (id),
  code       TEXT NOT NULL,
  item_id    INTEGER NOT NULL REFERENCES monitoring_items (id),
  value      TEXT NOT NULL,
  version    INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id),
  updated_at INTEGER NOT NULL,
  UNIQUE (round_id, code, item_id)
);

-- Every earlier value of an answer changed after its State submitted.
CREATE TABLE monitoring_answer_history (
  answer_id  INTEGER NOT NULL REFERENCES monitoring_answers (id),
  version    INTEGER NOT NULL,
  value      TEXT NOT NULL,
  changed_by INTEGER NOT NULL REFERENCES users (id),
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, version)
);

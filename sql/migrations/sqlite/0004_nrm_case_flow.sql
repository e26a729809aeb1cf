-- National Referral Mechanism: the life of a case after referral.
--   state: the case's rule state (decisions, reviews, reflection period, guardian, closures) as
--          JSON, kept by storage/repositories/case_state_codec. It holds no free text: reasons
--          and notes live sealed in nrm_case_events.note.
--   case_worker_id, decision_maker_id: who the case is assigned to; a case without a case
--          worker is in the competent authority's intake queue.
--   guardian_id: the child's appointed guardian (also in state), for finding their cases.
--   nrm_case_events: the case's timeline, one row per change, detail as JSON without personal
--          data, free text sealed by the field cipher (associated data: table, column, event id).
ALTER TABLE nrm_cases ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE nrm_cases ADD COLUMN case_worker_id INTEGER REFERENCES users (id);
ALTER TABLE nrm_cases ADD COLUMN decision_maker_id INTEGER REFERENCES users (id);
ALTER TABLE nrm_cases ADD COLUMN guardian_id INTEGER REFERENCES users (id);
CREATE INDEX nrm_cases_case_worker ON nrm_cases (case_worker_id, id);
CREATE INDEX nrm_cases_decision_maker ON nrm_cases (decision_maker_id, id);
CREATE INDEX nrm_cases_guardian ON nrm_cases (guardian_id, id);

CREATE TABLE nrm_case_events (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES nrm_cases (id),
  at              INTEGER NOT NULL,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  kind            TEXT NOT NULL,
  detail          TEXT NOT NULL,
  note            BLOB
);
CREATE INDEX nrm_case_events_case ON nrm_case_events (case_id, id);

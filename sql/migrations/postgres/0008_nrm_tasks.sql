-- Tasks on NRM cases: what someone of the competent authority must do, by when. The title is
-- free text (it may name the person), sealed by the field cipher (associated data: table,
-- column, task id).
CREATE TABLE nrm_tasks (
  id         BIGSERIAL PRIMARY KEY,
  case_id    BIGINT NOT NULL REFERENCES nrm_cases (id),
  owner_id   BIGINT NOT NULL REFERENCES users (id),
  due_on     TEXT NOT NULL,
  title      BYTEA,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  done_at    BIGINT
);
CREATE INDEX nrm_tasks_case ON nrm_tasks (case_id, id);
CREATE INDEX nrm_tasks_owner ON nrm_tasks (owner_id, done_at, due_on);

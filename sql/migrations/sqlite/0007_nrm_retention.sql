-- Retention of NRM cases: a configurable period after closure, `lifeline cases retention` erases
-- the identifying data of a case (its identity row with the blind index, the sealed free text of
-- its timeline and services, who explained consent) and keeps the rest as anonymous statistics.
--   closed_on: the day the case was last closed, while it is closed (also in state).
--   erased_at: when its identifying data was erased.
ALTER TABLE nrm_cases ADD COLUMN closed_on TEXT;
ALTER TABLE nrm_cases ADD COLUMN erased_at INTEGER;
CREATE INDEX nrm_cases_closed_on ON nrm_cases (status, closed_on);

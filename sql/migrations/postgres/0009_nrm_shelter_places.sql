-- Shelter capacity: how many people each provider organisation can house. Occupancy is counted
-- from the accepted shelter services of open cases, so it is never stored twice.
CREATE TABLE nrm_shelter_places (
  organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  places          BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);

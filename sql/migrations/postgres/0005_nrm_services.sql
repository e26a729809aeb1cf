-- National Referral Mechanism: the assistance plan. Each service of a case is referred to a
-- provider organisation with the fields shared with it for that service (data minimisation);
-- the provider accepts or declines it and records its delivery. A lawful ground for sharing
-- beyond consent is free text, sealed by the field cipher (associated data: table, column,
-- service id).
CREATE TABLE nrm_services (
  id                       BIGSERIAL PRIMARY KEY,
  case_id                  BIGINT NOT NULL REFERENCES nrm_cases (id),
  type                     TEXT NOT NULL,
  provider_organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  shared_fields            TEXT NOT NULL,
  lawful_ground            BYTEA,
  status                   TEXT NOT NULL,
  referred_at              BIGINT NOT NULL,
  updated_at               BIGINT NOT NULL
);
CREATE INDEX nrm_services_case ON nrm_services (case_id, id);
CREATE INDEX nrm_services_provider ON nrm_services (provider_organisation_id, id);

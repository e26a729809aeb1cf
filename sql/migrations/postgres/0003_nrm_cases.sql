-- National Referral Mechanism: cases as referred, and the identity of the person, encrypted.
-- An anonymous notification (an adult who did not consent) has no identity row at all.
-- Nothing identifying is stored in plain text: names and the date of birth are sealed by the
-- field cipher (associated data: table, column, case id), and person_index is a keyed blind
-- index of name and date of birth, for finding possible duplicates without plaintext.

CREATE TABLE nrm_cases (
  id                        BIGSERIAL PRIMARY KEY,
  kind                      TEXT NOT NULL,
  referring_organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  referred_by               BIGINT NOT NULL REFERENCES users (id),
  referred_at               BIGINT NOT NULL,
  referred_on               TEXT NOT NULL,
  is_child                  BIGINT NOT NULL,
  sex                       TEXT NOT NULL,
  citizenship               TEXT NOT NULL,
  age_band                  TEXT NOT NULL,
  country_of_exploitation   TEXT NOT NULL,
  exploitation_types        TEXT NOT NULL,
  indicators                TEXT NOT NULL,
  needs                     TEXT NOT NULL,
  consent_explained_by      TEXT NOT NULL,
  consent_language          TEXT NOT NULL,
  status                    TEXT NOT NULL,
  version                   BIGINT NOT NULL,
  updated_at                BIGINT NOT NULL
);
CREATE INDEX nrm_cases_status ON nrm_cases (status, id);
CREATE INDEX nrm_cases_referring_organisation ON nrm_cases (referring_organisation_id, id);

CREATE TABLE nrm_identities (
  id            BIGINT PRIMARY KEY REFERENCES nrm_cases (id),
  given_name    BYTEA NOT NULL,
  family_name   BYTEA NOT NULL,
  date_of_birth BYTEA NOT NULL,
  person_index  TEXT NOT NULL
);
CREATE INDEX nrm_identities_person ON nrm_identities (person_index);

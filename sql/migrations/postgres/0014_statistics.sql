-- Statistics for the National Rapporteur.
--
-- stats_case_facts: one anonymous row per NRM case, written in the same transaction as every
-- change of the case (and rebuilt from the cases by `lifeline stats rebuild`), so that tables
-- are counted over plain columns rather than the case state's JSON. It holds no identifying
-- field: periods, categories, outcomes, durations in days and amounts, nothing else.
-- exploitation_mask has bit i set for the i-th type of the exploitation vocabulary.
CREATE TABLE stats_case_facts (
  case_id                 BIGINT PRIMARY KEY REFERENCES nrm_cases (id),
  referred_on             TEXT NOT NULL,
  referral_year           BIGINT NOT NULL,
  referral_quarter        TEXT NOT NULL,
  referral_month          TEXT NOT NULL,
  kind                    TEXT NOT NULL,
  trafficking_status      TEXT NOT NULL,
  gender                  TEXT NOT NULL,
  age_group               TEXT NOT NULL,
  age_band                TEXT NOT NULL,
  citizenship             TEXT NOT NULL,
  country_of_exploitation TEXT NOT NULL,
  scope                   TEXT NOT NULL,
  first_responder_type    TEXT NOT NULL,
  exploitation_mask       BIGINT NOT NULL,
  rg_outcome              TEXT NOT NULL,
  rg_days                 BIGINT,
  rg_on                   TEXT NOT NULL,
  cg_outcome              TEXT NOT NULL,
  cg_days                 BIGINT,
  cg_on                   TEXT NOT NULL,
  reviews                 BIGINT NOT NULL,
  status                  TEXT NOT NULL,
  reflection_days         BIGINT,
  permits_applied         BIGINT NOT NULL,
  permits_granted         BIGINT NOT NULL,
  compensation_claims     BIGINT NOT NULL,
  compensation_claimed    BIGINT NOT NULL,
  compensation_awards     BIGINT NOT NULL,
  compensation_awarded    BIGINT NOT NULL,
  returned                BIGINT NOT NULL,
  follow_ups              BIGINT NOT NULL,
  re_trafficked           BIGINT NOT NULL
);
CREATE INDEX stats_case_facts_referred_on ON stats_case_facts (referred_on);

-- Figures kept outside Lifeline, imported from files: each import, and its rows.
CREATE TABLE stats_imports (
  id          BIGSERIAL PRIMARY KEY,
  kind        TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  row_count   BIGINT NOT NULL
);

-- The UNODC Global Report's long layout. The value is kept as given ("<5", "1,615") and as a
-- number where it is one. A later import of the same figure replaces it.
CREATE TABLE stats_unodc (
  iso3        TEXT NOT NULL,
  country     TEXT NOT NULL,
  region      TEXT NOT NULL,
  subregion   TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  dimension   TEXT NOT NULL,
  category    TEXT NOT NULL,
  sex         TEXT NOT NULL,
  age         TEXT NOT NULL,
  year        BIGINT NOT NULL,
  unit        TEXT NOT NULL,
  value_text  TEXT NOT NULL,
  value       DOUBLE PRECISION,
  source      TEXT NOT NULL,
  import_id   BIGINT NOT NULL REFERENCES stats_imports (id),
  PRIMARY KEY (iso3, indicator, dimension, category, sex, age, year, unit)
);
CREATE INDEX stats_unodc_year ON stats_unodc (year, iso3);

-- Aggregated NRM statistics (first responder, exploitation type, age, gender, nationality),
-- Total rows kept beside the detail rows as the file had them.
CREATE TABLE stats_nrm_table (
  import_id            BIGINT NOT NULL REFERENCES stats_imports (id),
  line                 BIGINT NOT NULL,
  first_responder_type TEXT NOT NULL,
  first_responder      TEXT NOT NULL,
  exploitation_type    TEXT NOT NULL,
  age_at_exploitation  TEXT NOT NULL,
  gender               TEXT NOT NULL,
  nationality          TEXT NOT NULL,
  people_text          TEXT NOT NULL,
  people               BIGINT,
  PRIMARY KEY (import_id, line)
);

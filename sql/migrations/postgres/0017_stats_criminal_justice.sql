-- Criminal-justice figures a National Rapporteur records or imports per year: investigations,
-- prosecutions, convictions, persons sentenced (in all and by length band) and confiscated
-- assets (an amount in a currency), each by form of exploitation ("all" for every form).
-- Aggregates, not personal data; published tables still suppress small figures.
CREATE TABLE stats_criminal_justice (
  year              BIGINT NOT NULL,
  indicator         TEXT NOT NULL,
  exploitation_type TEXT NOT NULL,
  value             DOUBLE PRECISION NOT NULL,
  currency          TEXT NOT NULL,
  source            TEXT NOT NULL,
  note              TEXT NOT NULL,
  updated_at        BIGINT NOT NULL,
  PRIMARY KEY (year, indicator, exploitation_type)
);

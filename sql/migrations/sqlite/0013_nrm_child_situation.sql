-- Whether a presumed child is unaccompanied (separated from both parents and other relatives,
-- with no adult responsible for them by law or custom) or separated (from both parents or their
-- former carer, but perhaps with other relatives), as the referral recorded it (UN Committee on
-- the Rights of the Child, General Comment No. 6; MC Decision 6/18). Empty when not known or
-- not a child.
ALTER TABLE nrm_cases ADD COLUMN child_situation TEXT NOT NULL DEFAULT '';

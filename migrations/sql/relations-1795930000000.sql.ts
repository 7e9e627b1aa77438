/**
 * The need-to-know relations, second version (docs/access.md "Relations that open a case"): loaded by
 * migration AddCaseRequestsAndRestriction1795930000000. Changes from relations-1795920000000:
 *
 * - `case_relation_categories` gains IDENTIFICATION_REQUEST: the agency a case was sent to for formal
 *   identification sees CASE_SUMMARY, IDENTITY, EXPLOITATION_ACCOUNT and PERPETRATORS while the
 *   request is open and after it decided it (decision 0024); not after a cancellation.
 * - `case_restriction_allows(case, user)`: a case flagged RESTRICTED opens only to the users named on
 *   it (case_restriction_member); the access layer puts it in front of every relation, so everyone
 *   else gets the standard 404.
 * - `person_relation_categories` takes the caller's user id: a RESTRICTED case the caller may not open
 *   no longer makes its person visible. The four-argument version is dropped.
 *
 * This file holds SQL only; a change is a new file loaded by a new migration.
 */
export const RELATIONS_SQL_V2 = /* sql */ `
-- A RESTRICTED case opens only to the users named on it; any other case to anyone its relations allow.
CREATE OR REPLACE FUNCTION case_restriction_allows(p_case uuid, p_user uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT EXISTS (SELECT 1 FROM case_record c WHERE c.id = p_case AND 'RESTRICTED' = ANY(c.flags))
      OR EXISTS (SELECT 1 FROM case_restriction_member m WHERE m.case_id = p_case AND m.user_id = p_user)
$$;

-- What the caller's agency may see of a case, by relation (as in relations-1795920000000), plus
--   IDENTIFICATION_REQUEST (requested or decided)  CASE_SUMMARY, IDENTITY, EXPLOITATION_ACCOUNT, PERPETRATORS
CREATE OR REPLACE FUNCTION case_relation_categories(p_case uuid, p_agency uuid, p_provinces text[], p_all boolean) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  c record; r record; h record; ir record;
  cats text[] := NULL;
  consented text[];
  le text[];
BEGIN
  SELECT lead_agency_id, province_code INTO c FROM case_record WHERE id = p_case;
  IF NOT FOUND OR NOT (p_all OR c.province_code = ANY(p_provinces)) THEN RETURN NULL; END IF;
  IF c.lead_agency_id = p_agency THEN
    RETURN ARRAY['CASE_SUMMARY','IDENTITY','CONTACT_LOCATION','EXPLOITATION_ACCOUNT','HEALTH','PERPETRATORS','LEGAL_PROCEEDINGS'];
  END IF;
  FOR r IN SELECT status, categories, acknowledged_at FROM referral WHERE case_id = p_case AND to_agency_id = p_agency LOOP
    consented := coalesce(consented, case_consented_categories(p_case, p_agency, 'REFERRAL_SHARING'));
    cats := coalesce(cats, '{}') || ARRAY['CASE_SUMMARY'];
    IF r.status = 'PENDING' THEN
      cats := cats || ARRAY(SELECT x FROM unnest(r.categories) x WHERE x = ANY(consented) AND x NOT IN ('IDENTITY','CONTACT_LOCATION'));
    ELSIF r.status IN ('ACCEPTED','IN_PROGRESS','COMPLETED') OR (r.status = 'CANCELLED' AND r.acknowledged_at IS NOT NULL) THEN
      cats := cats || ARRAY(SELECT x FROM unnest(r.categories) x WHERE x = ANY(consented));
    END IF;
  END LOOP;
  FOR h IN SELECT categories FROM handoff WHERE case_id = p_case AND to_agency_id = p_agency AND status <> 'WITHDRAWN' LOOP
    le := coalesce(le, case_consented_categories(p_case, p_agency, 'LAW_ENFORCEMENT_SHARING'));
    cats := coalesce(cats, '{}') || ARRAY(SELECT x FROM unnest(h.categories) x
      WHERE x IN ('CASE_SUMMARY','LEGAL_PROCEEDINGS','PERPETRATORS') OR x = ANY(le));
  END LOOP;
  FOR ir IN SELECT 1 FROM identification_request WHERE case_id = p_case AND to_agency_id = p_agency AND status IN ('REQUESTED','DECIDED') LOOP
    cats := coalesce(cats, '{}') || ARRAY['CASE_SUMMARY','IDENTITY','EXPLOITATION_ACCOUNT','PERPETRATORS'];
  END LOOP;
  IF cats IS NULL THEN RETURN NULL; END IF;
  RETURN ARRAY(SELECT DISTINCT x FROM unnest(cats) x ORDER BY x);
END $$;

-- What the caller's agency may see of a person: IDENTITY, and CONTACT_LOCATION where the relation
-- carries it; NULL when nothing. A person (or a tombstone, through its survivor) is visible when
--   * one of the agency's own APPROVED screenings in scope is of that person (a draft's link grants
--     nothing: drafts link only persons the agency could already see), or
--   * a relation to one of the person's cases the caller may open (a RESTRICTED case: only its named
--     users) carries IDENTITY (the lead agency; a referral or a
--     handoff whose packet and consent carry it), with CONTACT_LOCATION where that relation has it, or
--   * another agency's supervisor answered the agency's match request by linking this person
--     (IDENTITY only).
CREATE OR REPLACE FUNCTION person_relation_categories(p_person uuid, p_agency uuid, p_provinces text[], p_all boolean, p_user uuid) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  pid uuid := person_survivor(p_person);
  cats text[] := NULL;
  r text[];
BEGIN
  IF pid IS NULL THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM screening s
              WHERE s.person_id = pid AND s.agency_id = p_agency AND s.status = 'APPROVED'
                AND (p_all OR s.province_code = ANY(p_provinces))) THEN
    RETURN ARRAY['CONTACT_LOCATION','IDENTITY'];
  END IF;
  FOR r IN SELECT case_relation_categories(c.id, p_agency, p_provinces, p_all) FROM case_record c
            WHERE c.person_id = pid AND case_restriction_allows(c.id, p_user) LOOP
    IF 'IDENTITY' = ANY(r) THEN
      cats := coalesce(cats, '{}') || ARRAY['IDENTITY'];
      IF 'CONTACT_LOCATION' = ANY(r) THEN cats := cats || ARRAY['CONTACT_LOCATION']; END IF;
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM match_request mr
              WHERE mr.from_agency_id = p_agency AND mr.status = 'LINKED' AND person_survivor(mr.linked_person_id) = pid) THEN
    cats := coalesce(cats, '{}') || ARRAY['IDENTITY'];
  END IF;
  IF cats IS NULL THEN RETURN NULL; END IF;
  RETURN ARRAY(SELECT DISTINCT x FROM unnest(cats) x ORDER BY x);
END $$;

`;

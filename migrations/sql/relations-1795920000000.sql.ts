/**
 * The need-to-know relations, in SQL: the one place that decides, for a caller's agency and
 * province scope, what it may see of a case and of a person (docs/access.md "Relations that open a case", "Persons"). Loaded by migration
 * AddPersonAccessAndMatchRequests1795920000000; the access layer (apps/api/src/platform/access)
 * puts these functions into the WHERE clause of every query that loads a case or a person.
 *
 * This file holds SQL only. A change to a relation is a new file loaded by a new migration (the old
 * migrations keep loading the file they were written with), reviewed like any other SQL.
 *
 * Conventions: NULL means "no relation" (the caller gets the standard 404); otherwise a sorted
 * array of the data categories the caller may see. Every relation is bounded by the caller's
 * province scope over the case (or screening) it comes through.
 */
export const RELATIONS_SQL = /* sql */ `
-- The person a (possibly merged) person id stands for now: merges leave tombstones that point at
-- their survivor, and a survivor may itself be merged later, so follow the chain (bounded).
CREATE OR REPLACE FUNCTION person_survivor(p_person uuid) RETURNS uuid
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE chain(id, next, depth) AS (
    SELECT id, merged_into_id, 0 FROM person WHERE id = p_person
    UNION ALL
    SELECT p.id, p.merged_into_id, c.depth + 1 FROM person p JOIN chain c ON p.id = c.next WHERE c.depth < 32)
  SELECT id FROM chain WHERE next IS NULL LIMIT 1
$$;

-- Categories an agency may receive for a purpose under the case's active, unexpired consents.
CREATE OR REPLACE FUNCTION case_consented_categories(p_case uuid, p_agency uuid, p_purpose text) RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT cat), '{}') FROM consent k, unnest(k.categories) cat
   WHERE k.case_id = p_case AND k.status = 'ACTIVE' AND k.granted_at <= now()
     AND (k.expires_at IS NULL OR k.expires_at > now())
     AND p_agency = ANY(k.agency_ids) AND p_purpose = ANY(k.purposes)
$$;

-- What the caller's agency may see of a case, by relation:
--   LEAD_AGENCY                      everything
--   REFERRAL_PENDING                 CASE_SUMMARY + packet ∩ consented, without IDENTITY and CONTACT_LOCATION (a preview)
--   REFERRAL_ACTIVE / COMPLETED      CASE_SUMMARY + packet ∩ consented
--   REFERRAL cancelled after acknowledgement: as active; DECLINED or cancelled unacknowledged: CASE_SUMMARY
--   HANDOFF (not withdrawn)          CASE_SUMMARY, LEGAL_PROCEEDINGS, PERPETRATORS, + IDENTITY,
--                                    EXPLOITATION_ACCOUNT, HEALTH only under LAW_ENFORCEMENT_SHARING
-- Consent is read at every call, so a withdrawal takes effect on the next read.
CREATE OR REPLACE FUNCTION case_relation_categories(p_case uuid, p_agency uuid, p_provinces text[], p_all boolean) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  c record; r record; h record;
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
  IF cats IS NULL THEN RETURN NULL; END IF;
  RETURN ARRAY(SELECT DISTINCT x FROM unnest(cats) x ORDER BY x);
END $$;

-- What the caller's agency may see of a person: IDENTITY, and CONTACT_LOCATION where the relation
-- carries it; NULL when nothing. A person (or a tombstone, through its survivor) is visible when
--   * one of the agency's own APPROVED screenings in scope is of that person (a draft's link grants
--     nothing: drafts link only persons the agency could already see), or
--   * a relation to one of the person's cases carries IDENTITY (the lead agency; a referral or a
--     handoff whose packet and consent carry it), with CONTACT_LOCATION where that relation has it, or
--   * another agency's supervisor answered the agency's match request by linking this person
--     (IDENTITY only).
CREATE OR REPLACE FUNCTION person_relation_categories(p_person uuid, p_agency uuid, p_provinces text[], p_all boolean) RETURNS text[]
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
  FOR r IN SELECT case_relation_categories(c.id, p_agency, p_provinces, p_all) FROM case_record c WHERE c.person_id = pid LOOP
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

-- The agencies that hold a person: the lead agencies of its cases and the agencies of its approved
-- screenings. Match requests go to these (never shown to the asking agency before an answer).
CREATE OR REPLACE FUNCTION person_holding_agencies(p_person uuid) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT a), '{}') FROM (
    SELECT c.lead_agency_id AS a FROM case_record c WHERE c.person_id = person_survivor(p_person)
    UNION ALL
    SELECT s.agency_id FROM screening s WHERE s.person_id = person_survivor(p_person) AND s.status = 'APPROVED') x
$$;
`;

/**
 * The person relation, third version: loaded by migration RestrictScreeningRelation1795934000000.
 * Change from relations-1795930000000: the agency's own approved screening no longer makes the person
 * visible to a user who may not open the RESTRICTED case that screening opened (issue 14 item 6:
 * "only named users of the lead agency may open the case; others get the same 404"). Before, any
 * caseworker of the interviewing agency in scope still read the person's identity and contact
 * through the screening. `PERSON_RELATION_SQL_V2` is the previous function, for `down`.
 *
 * This file holds SQL only; a change is a new file loaded by a new migration.
 */
export const PERSON_RELATION_SQL_V3 = /* sql */ `
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
                AND (p_all OR s.province_code = ANY(p_provinces))
                AND (s.case_id IS NULL OR case_restriction_allows(s.case_id, p_user))) THEN
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

export const PERSON_RELATION_SQL_V2 = /* sql */ `
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

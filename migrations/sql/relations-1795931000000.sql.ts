/**
 * The case relation with case transfers (docs/access.md "Relations that open a case"): replaces
 * case_relation_categories of relations-1795930000000.sql.ts (the other functions stay as loaded
 * there, `case_restriction_allows` included). Loaded by migration AddCaseTransfers1795931000000.
 *
 * Conventions as before: NULL means "no relation" (the standard 404); otherwise a sorted array of
 * the data categories the caller may see. What is new:
 *   TRANSFER_PENDING   the agency (or province office) asked to take the case over, within its scope
 *                      over the province the case would go to: CASE_SUMMARY + the transfer's
 *                      categories (a lead transfer: those an active REFERRAL_SHARING consent for the
 *                      receiver still covers), without IDENTITY and CONTACT_LOCATION (a preview).
 *   FORMER_LEAD        the lead agency before an accepted lead transfer, within its scope over the
 *                      province it held the case in: the categories it retained at acceptance (what
 *                      it held; none when the victim's consent said so), read only.
 * Everything else is the relation of relations-1795930000000 (IDENTIFICATION_REQUEST included): the lead agency in scope sees every
 * category; referrals and handoffs by their packets and consents, bounded by the scope over the case.
 */
export const CASE_TRANSFER_RELATIONS_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION case_relation_categories(p_case uuid, p_agency uuid, p_provinces text[], p_all boolean) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  c record; r record; h record; t record; ir record;
  cats text[] := NULL;
  consented text[];
  le text[];
BEGIN
  SELECT lead_agency_id, province_code INTO c FROM case_record WHERE id = p_case;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF p_all OR c.province_code = ANY(p_provinces) THEN
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
    -- IDENTIFICATION_REQUEST (requested or decided): the agency asked to identify (decision 0024)
    FOR ir IN SELECT 1 FROM identification_request WHERE case_id = p_case AND to_agency_id = p_agency AND status IN ('REQUESTED','DECIDED') LOOP
      cats := coalesce(cats, '{}') || ARRAY['CASE_SUMMARY','IDENTITY','EXPLOITATION_ACCOUNT','PERPETRATORS'];
    END LOOP;
  END IF;
  -- FORMER_LEAD: scoped by the province the agency held the case in, not where it is now
  FOR t IN SELECT retained_categories FROM case_transfer
            WHERE case_id = p_case AND from_agency_id = p_agency AND to_agency_id <> p_agency AND status = 'ACCEPTED'
              AND cardinality(retained_categories) > 0 AND (p_all OR from_province_code = ANY(p_provinces)) LOOP
    cats := coalesce(cats, '{}') || t.retained_categories;
  END LOOP;
  -- TRANSFER_PENDING: scoped by the province the case would go to
  FOR t IN SELECT from_agency_id, categories FROM case_transfer
            WHERE case_id = p_case AND to_agency_id = p_agency AND status = 'REQUESTED'
              AND (p_all OR to_province_code = ANY(p_provinces)) LOOP
    IF t.from_agency_id = p_agency THEN
      consented := ARRAY['CASE_SUMMARY','EXPLOITATION_ACCOUNT','HEALTH','PERPETRATORS','LEGAL_PROCEEDINGS'];
    ELSE
      consented := case_consented_categories(p_case, p_agency, 'REFERRAL_SHARING');
    END IF;
    cats := coalesce(cats, '{}') || ARRAY['CASE_SUMMARY']
      || ARRAY(SELECT x FROM unnest(t.categories) x WHERE x = ANY(consented) AND x NOT IN ('IDENTITY','CONTACT_LOCATION'));
  END LOOP;
  IF cats IS NULL THEN RETURN NULL; END IF;
  RETURN ARRAY(SELECT DISTINCT x FROM unnest(cats) x ORDER BY x);
END $$;
`;

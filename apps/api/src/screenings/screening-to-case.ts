import { BORDER_CROSSINGS } from '@ctms/domain';
import type { ScreeningContent } from './screening-content';

/** Places are written in Lao, the case's language: country and crossing names, not codes. */
const COUNTRY_LO = new Intl.DisplayNames(['lo'], { type: 'region' });
const country = (code: string | undefined): string | undefined => {
  if (!code) return undefined;
  try {
    return COUNTRY_LO.of(code) ?? code;
  } catch {
    return code;
  }
};
const crossingLo = (code: string): string => BORDER_CROSSINGS.find((c) => c.code === code)?.nameLo ?? code;

/** What an approved screening carries into the case it opens or joins (issue 17, deliver 8). */
export interface CaseFactsFromScreening {
  exploitationTypes: string[];
  /** ISO 3166 codes: the destination country */
  destinationCountries: string[];
  needs: string[];
  /** the EXPLOITATION_ACCOUNT category (encrypted on the case), or null when the screening recorded none of it */
  exploitation: {
    narrative?: string;
    journeyEvents: {
      stage: 'RECRUITMENT' | 'TRANSIT' | 'EXPLOITATION';
      place?: string;
      date?: string;
      description?: string;
    }[];
    meansOfControl: string[];
  } | null;
}

type Rec = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const codes = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const joined = (...parts: (string | undefined)[]): string | undefined => text(parts.filter(Boolean).join(', '));

/** Drops the undefined keys (the case's DTOs refuse nothing, but the stored JSON stays clean). */
function compact<T extends Rec>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The case's view of the interview: destination, the journey from recruitment through transit to
 * exploitation, the control methods, the narratives and the services needed. Every value comes from
 * a screening field; nothing is inferred.
 */
export function caseFactsFromScreening(content: ScreeningContent): CaseFactsFromScreening {
  const rc = rec(content.recruitment);
  const tr = rec(content.transit);
  const de = rec(content.destinationAndExploitation);
  const ex = rec(content.exit);
  const events: NonNullable<CaseFactsFromScreening['exploitation']>['journeyEvents'] = [];

  const recruitment = compact({
    stage: 'RECRUITMENT' as const,
    place: text(rc['promisedLocation']),
    date: text(rc['dateLeftHome']),
    description: joined(text(rc['promisedJob']), text(rc['promisedWage'])),
  });
  if (recruitment.place || recruitment.date || recruitment.description) events.push(recruitment);
  for (const e of Array.isArray(tr['events']) ? tr['events'] : []) {
    const x = rec(e);
    const ev = compact({
      stage: 'TRANSIT' as const,
      place: joined(text(x['place']), country(text(x['country']))),
      date: text(x['date']),
      description: text(x['description']),
    });
    if (ev.place || ev.date || ev.description) events.push(ev);
  }
  const crossings = codes(tr['crossingPoints']);
  if (crossings.length || text(tr['crossingPointsDetail'])) {
    events.push(
      compact({
        stage: 'TRANSIT' as const,
        place: joined(crossings.map(crossingLo).join(', ') || undefined, text(tr['crossingPointsDetail'])),
        description: text(tr['route']),
      }),
    );
  }
  const exploitation = compact({
    stage: 'EXPLOITATION' as const,
    place: joined(text(de['city']), text(de['province']), country(text(de['country']))),
    description: text(de['actualVersusPromisedWork']),
  });
  if (exploitation.place || exploitation.description) events.push(exploitation);

  const narratives: [string, unknown][] = [
    ['ການຊັກຊວນ', rc['narrative']],
    ['ການເດີນທາງ', tr['narrative']],
    ['ປາຍທາງ ແລະ ການຂູດຮີດ', de['narrative']],
    ['ການອອກມາ', ex['narrative']],
  ];
  const narrative = narratives
    .filter(([, v]) => text(v))
    .map(([h, v]) => `${h}:\n${text(v)}`)
    .join('\n\n');
  const meansOfControl = codes(de['meansOfControl']);
  const destination = text(de['country']);
  return {
    exploitationTypes: codes(de['exploitationTypes']),
    destinationCountries: destination ? [destination] : [],
    needs: codes(rec(content.needsAndRisks)['servicesNeeded']),
    exploitation:
      events.length || narrative || meansOfControl.length
        ? compact({ narrative: narrative || undefined, journeyEvents: events, meansOfControl })
        : null,
  };
}

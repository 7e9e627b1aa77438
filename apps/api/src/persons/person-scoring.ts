import { laoKey, type PersonIdentity } from '@ctms/domain';
import { jaccard, keysOfName, keyTrigrams, romanisedNames, romanisedNicknames, type MatchKey } from './name-index';

/** Trigram similarity from which a name is "similar" (a one-letter change in a short Lao name is ~0.45). */
export const SIMILAR_THRESHOLD = 0.4;

/** The keys of a stored identity, by what they came from. */
export interface CandidateKeys {
  lao: string[];
  latin: string[];
  nicknames: MatchKey[];
  previous: MatchKey[];
}

export function candidateKeys(identity: PersonIdentity): CandidateKeys {
  const given = laoKey(identity.givenNameLo);
  const family = laoKey(identity.familyNameLo);
  return {
    lao: [given + family, family + given, given, family].filter((k) => k !== ''),
    // the romanisations of the Lao name count as Latin names (a Latin query for a Lao-only person)
    latin: [...(identity.latinNames ?? []), ...romanisedNames(identity)].flatMap(keysOfName).map((k) => k.key),
    nicknames: [...(identity.nicknames ?? []), ...romanisedNicknames(identity.nicknames)].flatMap(keysOfName),
    previous: (identity.previousNames ?? []).flatMap(keysOfName),
  };
}

/** Best similarity of the query keys against `keys` of one script: 1 for an exact key. */
export function best(query: MatchKey[], script: MatchKey['script'], keys: string[]): number {
  let top = 0;
  for (const q of query) {
    if (q.script !== script) continue;
    const qt = keyTrigrams(q);
    for (const k of keys) {
      const s = k === q.key ? 1 : jaccard(qt, keyTrigrams({ script, key: k }));
      if (s > top) top = s;
    }
  }
  return top;
}

export function bestAlias(query: MatchKey[], aliases: MatchKey[]): number {
  return Math.max(
    best(
      query,
      'lao',
      aliases.filter((a) => a.script === 'lao').map((a) => a.key),
    ),
    best(
      query,
      'latin',
      aliases.filter((a) => a.script === 'latin').map((a) => a.key),
    ),
  );
}

export function birthYearOf(identity: PersonIdentity): number | undefined {
  if (identity.dobPrecision === 'UNKNOWN' || !identity.dateOfBirth) return undefined;
  const y = Number(identity.dateOfBirth.slice(0, 4));
  return Number.isInteger(y) ? y : undefined;
}

const LAO_LEADING_VOWEL_RE = /^[\u0EC0-\u0EC4]+/u;

/** "S.P." from the first Latin name, else the first consonant of the Lao given and family names. */
export function initialsOf(identity: PersonIdentity): string {
  const latin = (identity.latinNames ?? []).find((n) => /\p{L}/u.test(n));
  if (latin) {
    const words = latin
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length > 0);
    return words.map((w) => `${w[0].toUpperCase()}.`).join('');
  }
  const first = (s: string | undefined): string => {
    const k = (s ?? '').normalize('NFC').replace(/\s+/gu, '').replace(LAO_LEADING_VOWEL_RE, '');
    const c = [...k][0];
    return c ? `${c}.` : '';
  };
  return first(identity.givenNameLo) + first(identity.familyNameLo);
}

export function round3(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

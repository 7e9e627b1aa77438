import { isLaoScript, laoKey, type PersonIdentity } from '@ctms/domain';
import { jaccard, keysOfName, keyTrigrams, latinWordKeys, romanisedNames, romanisedNicknames } from './name-index';

/**
 * "Nickname + family name" (ຊື່ຫຼິ້ນ + ນາມສະກຸນ): a second clerk often writes the name a victim is
 * called by, followed by the family name ("Noy Keovong" for Souksavanh Keovong, nickname Noy). The
 * whole-name keys of such a query are far from every stored key, so this compares word by word.
 */

/** The word-level keys of a stored identity. */
export interface WordKeys {
  /** folded words of the Latin names and Latin previous names */
  latinWords: string[];
  /** Latin nickname keys (compact) */
  latinNicknames: string[];
  laoGiven: string;
  laoFamily: string;
  /** Lao nickname keys */
  laoNicknames: string[];
}

export function wordKeysOf(identity: PersonIdentity): WordKeys {
  const nick = [...(identity.nicknames ?? []), ...romanisedNicknames(identity.nicknames)].flatMap(keysOfName);
  const latinNames = [...(identity.latinNames ?? []), ...romanisedNames(identity), ...(identity.previousNames ?? [])];
  return {
    latinWords: [...new Set(latinNames.flatMap((n) => latinWordKeys(n)).map((k) => k.key))],
    latinNicknames: [...new Set(nick.filter((k) => k.script === 'latin' && !k.key.includes(' ')).map((k) => k.key))],
    laoGiven: laoKey(identity.givenNameLo),
    laoFamily: laoKey(identity.familyNameLo),
    laoNicknames: [...new Set(nick.filter((k) => k.script === 'lao').map((k) => k.key))],
  };
}

function wordSimilarity(a: string, b: string, single = false): number {
  if (a === b) return 1;
  const script = single ? 'lao' : 'latin';
  return jaccard(keyTrigrams({ script, key: a }), keyTrigrams({ script, key: b }));
}

function bestOf(word: string, among: readonly string[], single = false): number {
  let top = 0;
  for (const w of among) top = Math.max(top, wordSimilarity(word, w, single));
  return top;
}

/**
 * 0–1: how well `name` reads as one of the candidate's nicknames plus the candidate's other name
 * words (Latin: any order, every other query word must meet a word of a Latin name at `threshold`;
 * Lao: the nickname key before or after the family or given key). 0 when no nickname fits.
 */
export function nicknamePlusName(name: string, c: WordKeys, threshold: number): number {
  if (isLaoScript(name)) {
    const q = laoKey(name);
    let top = 0;
    for (const n of c.laoNicknames) {
      for (const rest of [
        q.startsWith(n) ? q.slice(n.length) : null,
        q.endsWith(n) ? q.slice(0, q.length - n.length) : null,
      ]) {
        if (rest === null || rest === '') continue;
        const s = Math.max(
          bestOf(
            rest,
            [c.laoFamily, c.laoGiven].filter((x) => x !== ''),
            true,
          ),
          0,
        );
        if (s >= threshold) top = Math.max(top, (1 + s) / 2);
      }
    }
    return top;
  }
  const words = latinWordKeys(name, 1).map((k) => k.key);
  if (words.length < 2 || c.latinNicknames.length === 0) return 0;
  let top = 0;
  words.forEach((w, i) => {
    const nick = bestOf(w, c.latinNicknames);
    if (nick < threshold) return;
    const others = words.filter((_, j) => j !== i).map((o) => bestOf(o, c.latinWords));
    if (others.some((s) => s < threshold)) return;
    top = Math.max(top, (nick + others.reduce((a, b) => a + b, 0)) / words.length);
  });
  return top;
}

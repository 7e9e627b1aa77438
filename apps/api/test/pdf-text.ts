import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as pdfkit writes it, for assertions: every content stream's shown strings
 * (Tj, TJ), decoded through the ToUnicode map of the font in use (pdfkit embeds subset fonts whose
 * codes are glyph ids, so the bytes alone say nothing). Enough for our own PDFs, not a general parser.
 */
export function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const head = /(\d+) 0 obj/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(s))) {
    const from = head.lastIndex;
    const end = s.indexOf('endobj', from);
    const streamAt = s.indexOf('stream', from);
    if (streamAt >= 0 && streamAt < end) {
      const dict = s.slice(from, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
      let start = streamAt + 'stream'.length;
      if (s[start] === '\r') start++;
      if (s[start] === '\n') start++;
      let bytes = pdf.subarray(start, start + length);
      if (dict.includes('/FlateDecode')) bytes = inflateSync(bytes);
      objects.set(Number(m[1]), { dict, stream: bytes });
      head.lastIndex = s.indexOf('endobj', start + length) + 6;
    } else {
      objects.set(Number(m[1]), { dict: s.slice(from, end), stream: null });
      head.lastIndex = end + 6;
    }
  }

  // font resource name (F1 …) → the ToUnicode map of that font object
  const cmaps = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(o.dict)?.[1] ?? '';
    for (const [, name, ref] of fonts.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objects.get(Number(ref));
      const tu = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '')?.[1];
      const cmap = tu ? objects.get(Number(tu))?.stream : null;
      if (cmap && !cmaps.has(name)) cmaps.set(name, parseCmap(cmap.toString('latin1')));
    }
  }

  const out: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || o.dict.includes('/Subtype') || o.dict.includes('/Length1')) continue;
    const content = o.stream.toString('latin1');
    if (!/\bTf\b/.test(content)) continue;
    let map = new Map<number, string>();
    for (const [, font, shown] of content.matchAll(/\/(\w+) [\d.]+ Tf|(\[[^\]]*\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g)) {
      if (font) map = cmaps.get(font) ?? new Map();
      else if (shown) for (const [, hex] of shown.matchAll(/<([0-9a-fA-F]*)>/g)) out.push(decode(hex, map));
    }
    out.push('\n');
  }
  return out.join('');
}

function decode(hex: string, map: Map<number, string>): string {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
  return text;
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(parseInt(code, 16), utf16(uni.replace(/\s/g, '')));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g,
    )) {
      const first = parseInt(lo, 16);
      const last = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        // pdfkit writes a glyph of several characters as one string with spaces: <0ecd 0ec8>
        [...rest.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach(([, uni], i) =>
          map.set(first + i, utf16(uni.replace(/\s/g, ''))),
        );
      } else {
        const base = parseInt(rest.slice(1, -1).replace(/\s/g, ''), 16);
        for (let c = first; c <= last; c++) map.set(c, String.fromCharCode(base + (c - first)));
      }
    }
  }
  return map;
}

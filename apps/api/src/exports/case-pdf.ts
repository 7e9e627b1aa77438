import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';

/** A block of the case file: a heading and label/value lines, or a heading and paragraphs. */
export interface PdfSection {
  heading: string;
  lines?: readonly (readonly [string, string | null])[];
  paragraphs?: readonly string[];
}

const LAO_RUN = /([\u0E80-\u0EFF]+)/;

/**
 * Noto Sans Lao from @fontsource/noto-sans-lao (an npm dependency, SIL Open Font Licence): the
 * "lao" subset carries the Lao script, the "latin" and "latin-ext" subsets of the same family carry
 * Latin letters and digits. pdfkit reads WOFF through fontkit and embeds only the glyphs used.
 */
export function laoFontFiles(): { lao: string; latin: string } {
  // resolved from the running file (dist bundle or sources) and, failing that, from the working directory
  const bases = [__filename, join(process.cwd(), 'package.json')];
  for (const base of bases) {
    try {
      const req = createRequire(base);
      return {
        lao: req.resolve('@fontsource/noto-sans-lao/files/noto-sans-lao-lao-400-normal.woff'),
        latin: req.resolve('@fontsource/noto-sans-lao/files/noto-sans-lao-latin-400-normal.woff'),
      };
    } catch {
      // try the next base
    }
  }
  throw new Error('the Noto Sans Lao font (@fontsource/noto-sans-lao) is not installed');
}

/** Writes text, switching to the Lao font for every run of Lao characters. */
function mixed(doc: PDFKit.PDFDocument, text: string, size: number, opts: PDFKit.Mixins.TextOptions = {}): void {
  const runs = text.split(LAO_RUN).filter((r) => r !== '');
  if (!runs.length) runs.push(' ');
  doc.fontSize(size);
  runs.forEach((run, i) => {
    doc.font(LAO_RUN.test(run) ? 'lao' : 'latin');
    doc.text(run, { ...opts, continued: i < runs.length - 1 });
  });
}

/** Renders a case file to `out` (A4) and resolves when every byte is written. */
export async function writeCasePdf(
  out: Writable,
  title: string,
  subtitle: string,
  sections: readonly PdfSection[],
): Promise<void> {
  const fonts = laoFontFiles();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'CTMS', Creator: 'CTMS' } });
  doc.registerFont('lao', fonts.lao);
  doc.registerFont('latin', fonts.latin);
  doc.pipe(out);
  mixed(doc, title, 18);
  mixed(doc, subtitle, 9);
  for (const s of sections) {
    doc.moveDown(0.8);
    mixed(doc, s.heading, 13);
    doc.moveDown(0.2);
    for (const [label, value] of s.lines ?? []) mixed(doc, `${label}: ${value ?? '—'}`, 10);
    for (const p of s.paragraphs ?? []) {
      mixed(doc, p, 10);
      doc.moveDown(0.3);
    }
  }
  doc.end();
  await once(out, 'finish');
}

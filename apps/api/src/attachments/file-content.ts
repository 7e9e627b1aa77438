/**
 * What an uploaded file really is, decided from its bytes (never its name or the Content-Type the
 * client sent), and the image clean-up done before anything is stored: JPEG and PNG files are
 * rebuilt from the parts a decoder needs, so EXIF (GPS position, camera serial, time), XMP, IPTC,
 * comments, text chunks, embedded thumbnails and anything appended after the image are gone.
 *
 * Accepted: PDF, JPEG, PNG. Everything else, and any of these that does not parse, is refused.
 */

export type AcceptedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface CleanFile {
  mediaType: AcceptedMediaType;
  /** the extension used in download names */
  ext: 'pdf' | 'jpg' | 'png';
  /** the bytes to store: the input for a PDF, the rebuilt image otherwise */
  bytes: Buffer;
  /** true when metadata or trailing data were removed */
  stripped: boolean;
}

/** Why a file was refused; the message names no content and goes to the client as is. */
export class UnacceptableFile extends Error {}

/** Extensions a file name may carry for each type (compared lower-case); a name without one is fine. */
export const EXTENSIONS: Record<AcceptedMediaType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
};

/** Images larger than this (width × height) are refused: a pixel flood hurts whoever opens them. */
export const MAX_PIXELS = 100_000_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The accepted type whose signature starts `b`, or null. */
export function sniff(b: Buffer): AcceptedMediaType | null {
  if (b.length >= 8 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

/** Detects, checks and cleans one upload. Throws UnacceptableFile. */
export function inspectFile(b: Buffer, fileName: string | null): CleanFile {
  const mediaType = sniff(b);
  if (!mediaType) throw new UnacceptableFile('file content is not a PDF, JPEG or PNG file');
  const ext = extensionOf(fileName);
  if (ext !== null && !EXTENSIONS[mediaType].includes(ext)) {
    throw new UnacceptableFile('file content does not match the extension of its name');
  }
  switch (mediaType) {
    case 'application/pdf':
      checkPdf(b);
      return { mediaType, ext: 'pdf', bytes: b, stripped: false };
    case 'image/jpeg': {
      const bytes = stripJpeg(b);
      return { mediaType, ext: 'jpg', bytes, stripped: !bytes.equals(b) };
    }
    case 'image/png': {
      const bytes = stripPng(b);
      return { mediaType, ext: 'png', bytes, stripped: !bytes.equals(b) };
    }
  }
}

/** The lower-case extension after the last dot of the base name, or null when there is none. */
export function extensionOf(fileName: string | null): string | null {
  if (!fileName) return null;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return null;
  return base.slice(dot + 1).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

/** A version header at byte 0 and an end-of-file marker near the end, as readers require. */
export function checkPdf(b: Buffer): void {
  if (!/^%PDF-[12]\.[0-9]/.test(b.subarray(0, 8).toString('latin1')))
    throw new UnacceptableFile('file is not a valid PDF (header)');
  const tail = b.subarray(Math.max(0, b.length - 1024)).toString('latin1');
  if (!tail.includes('%%EOF')) throw new UnacceptableFile('file is not a valid PDF (no end-of-file marker)');
}

// ---------------------------------------------------------------------------------------------
// JPEG
// ---------------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP14 = 0xee;

/**
 * Markers kept: DQT, DHT, DAC, DRI, DNL, EXP, and the frame headers SOF0–SOF15; scans (SOS with
 * their entropy-coded data) are copied as they are. Dropped: APP1 (EXIF, XMP), APP2–APP13, APP15,
 * COM and anything unknown. APP0 is kept only as a bare JFIF header (its thumbnail removed), APP14
 * only as the 12-byte Adobe colour-transform header that CMYK files need to decode.
 */
function keepSegment(marker: number): boolean {
  return (
    marker === 0xdb || // DQT
    marker === 0xc4 || // DHT
    marker === 0xcc || // DAC
    marker === 0xdd || // DRI
    marker === 0xdc || // DNL
    marker === 0xdf || // EXP
    isSof(marker)
  );
}

function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function invalidJpeg(why: string): UnacceptableFile {
  return new UnacceptableFile(`file is not a valid JPEG image (${why})`);
}

/** Rebuilds a JPEG without its metadata. Throws UnacceptableFile when it does not parse. */
export function stripJpeg(b: Buffer): Buffer {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) throw invalidJpeg('no start marker');
  const out: Buffer[] = [Buffer.from([0xff, SOI])];
  let pos = 2;
  let frames = 0;
  let scans = 0;
  for (;;) {
    // a marker, possibly preceded by fill bytes
    if (pos >= b.length || b[pos] !== 0xff) throw invalidJpeg('marker expected');
    while (pos < b.length && b[pos] === 0xff) pos++;
    if (pos >= b.length) throw invalidJpeg('truncated');
    const marker = b[pos] ?? 0;
    pos++;
    if (marker === EOI) {
      if (frames === 0 || scans === 0) throw invalidJpeg('no image data');
      out.push(Buffer.from([0xff, EOI]));
      return Buffer.concat(out); // anything after the end marker is dropped
    }
    if (marker === SOI || marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      throw invalidJpeg('unexpected marker');
    }
    if (pos + 2 > b.length) throw invalidJpeg('truncated');
    const length = b.readUInt16BE(pos);
    if (length < 2 || pos + length > b.length) throw invalidJpeg('bad segment length');
    const segment = b.subarray(pos - 2, pos + length); // FF marker length payload
    const payload = b.subarray(pos + 2, pos + length);
    pos += length;

    if (isSof(marker)) {
      if (payload.length < 6) throw invalidJpeg('short frame header');
      const height = payload.readUInt16BE(1);
      const width = payload.readUInt16BE(3);
      if (width === 0) throw invalidJpeg('zero width');
      if (width * height > MAX_PIXELS) throw new UnacceptableFile('image has too many pixels');
      frames++;
    }
    if (marker === APP0) {
      const jfif = cleanJfif(payload);
      if (jfif) out.push(jfif);
      continue;
    }
    if (marker === APP14) {
      if (payload.length === 12 && payload.subarray(0, 5).toString('latin1') === 'Adobe') out.push(segment);
      continue;
    }
    if (marker === SOS) {
      if (frames === 0) throw invalidJpeg('scan before frame header');
      out.push(segment);
      const end = scanEnd(b, pos);
      out.push(b.subarray(pos, end));
      pos = end;
      scans++;
      continue;
    }
    if (keepSegment(marker)) out.push(segment);
    // everything else (APP1–APP13, APP15, COM, unknown) is left out
  }
}

/** Where the entropy-coded data that starts at `pos` ends: the next marker that is not a restart. */
function scanEnd(b: Buffer, pos: number): number {
  let i = pos;
  while (i < b.length - 1) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const next = b[i + 1] ?? 0;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      i += 2; // stuffed byte or restart marker: still data
      continue;
    }
    if (next === 0xff) {
      i++; // fill byte before a marker
      continue;
    }
    return i;
  }
  throw invalidJpeg('truncated scan');
}

/** A JFIF APP0 header without its thumbnail, or null for any other APP0 (JFXX thumbnails and the like). */
function cleanJfif(payload: Buffer): Buffer | null {
  if (payload.length < 14 || payload.subarray(0, 5).toString('latin1') !== 'JFIF\0') return null;
  const p = Buffer.from(payload.subarray(0, 14));
  p[12] = 0; // thumbnail width
  p[13] = 0; // thumbnail height
  const head = Buffer.from([0xff, APP0, 0, 16]);
  return Buffer.concat([head, p]);
}

// ---------------------------------------------------------------------------------------------
// PNG
// ---------------------------------------------------------------------------------------------

/** Chunks kept: what decoding and correct colour need. Text (tEXt, iTXt, zTXt), eXIf, tIME, iCCP and the rest are dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);

function invalidPng(why: string): UnacceptableFile {
  return new UnacceptableFile(`file is not a valid PNG image (${why})`);
}

/** Rebuilds a PNG without its metadata chunks. Throws UnacceptableFile when it does not parse. */
export function stripPng(b: Buffer): Buffer {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) throw invalidPng('no signature');
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  let first = true;
  let sawData = false;
  for (;;) {
    if (pos + 12 > b.length) throw invalidPng('truncated');
    const length = b.readUInt32BE(pos);
    if (length > 0x7fffffff || pos + 12 + length > b.length) throw invalidPng('bad chunk length');
    const type = b.subarray(pos + 4, pos + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) throw invalidPng('bad chunk type');
    const data = b.subarray(pos + 8, pos + 8 + length);
    const crc = b.readUInt32BE(pos + 8 + length);
    if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== crc) throw invalidPng('bad checksum');
    const chunk = b.subarray(pos, pos + 12 + length);
    pos += 12 + length;

    if (first) {
      if (type !== 'IHDR' || length !== 13) throw invalidPng('no header');
      const width = data.readUInt32BE(0);
      const height = data.readUInt32BE(4);
      if (width === 0 || height === 0) throw invalidPng('empty image');
      if (width * height > MAX_PIXELS) throw new UnacceptableFile('image has too many pixels');
      first = false;
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') {
      if (!sawData) throw invalidPng('no image data');
      out.push(chunk);
      return Buffer.concat(out); // anything after the end chunk is dropped
    }
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (PNG_KEEP.has(type)) out.push(chunk);
    else if (critical) throw invalidPng('unknown critical chunk');
  }
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 (ISO 3309, as PNG uses). */
export function crc32(b: Buffer): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const byte of b) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

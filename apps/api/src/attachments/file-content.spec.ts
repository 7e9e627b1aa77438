import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  checkPdf,
  crc32,
  extensionOf,
  inspectFile,
  sniff,
  stripJpeg,
  stripPng,
  UnacceptableFile,
} from './file-content';
import {
  commentSegments,
  exifGpsSegment,
  GPS_CANARY_MAKE,
  jpegSegment,
  pngChunk,
  pngMetadataChunks,
  tinyJpeg,
  tinyPdf,
  tinyPng,
  xmpSegment,
} from './testing/image-fixtures';

/** Offsets of the JPEG markers before the first scan, in order. */
function jpegMarkers(b: Buffer): number[] {
  const out: number[] = [];
  let p = 2;
  while (p < b.length && b[p] === 0xff) {
    const m = b[p + 1] ?? 0;
    out.push(m);
    if (m === 0xda) break;
    p += 2 + b.readUInt16BE(p + 2);
  }
  return out;
}

function pngChunkTypes(b: Buffer): string[] {
  const out: string[] = [];
  let p = 8;
  while (p + 8 <= b.length) {
    const len = b.readUInt32BE(p);
    out.push(b.subarray(p + 4, p + 8).toString('latin1'));
    p += 12 + len;
  }
  return out;
}

const has = (b: Buffer, s: string | Buffer) => b.includes(typeof s === 'string' ? Buffer.from(s, 'latin1') : s);
const GPS_IFD_TAG = Buffer.from([0x88, 0x25]);

/**
 * A progressive 97×61 colour JPEG written by libjpeg 6.2 with restart markers every 3 MCUs, an APP1
 * "Exif" segment pointing to a GPS IFD, and a comment ("secret comment").
 */
const LIBJPEG_PROGRESSIVE = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4QAgRXhpZgAATU0AKgAAAAgAAYglAAQAAAABAAAAAAAA//4AEHNlY3JldCBjb21tZW50/9sAQwAIBgYHBgUIBwcHCQkI' +
    'CgwUDQwLCwwZEhMPFB0aHx4dGhwcICQuJyAiLCMcHCg3KSwwMTQ0NB8nOT04MjwuMzQy/9sAQwEJCQkMCwwYDQ0YMiEcITIyMjIyMjIyMjIyMjIyMjIyMjIy' +
    'MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy/8IAEQgAPQBhAwEiAAIRAQMRAf/EABoAAQEBAQEBAQAAAAAAAAAAAAIDBAAFBgH/xAAZAQACAwEAAAAA' +
    'AAAAAAAAAAADBAECBQb/3QAEAAP/2gAMAwEAAhADEAAAAfhHdDpF3UnirqTf/9D5V3UaMXdSaKurH//R8XtXE6HyHdI8fnd/0J//0vDd0vXO7oJ5q6ZN/9PE' +
    '7pTTl2rmbeQrpHjv/9TC7pDKyu6SZi7qTf/VbulKxd1J8nauTL//1udlk8vB2QWIOyEf/9fY7LmM7nZa14OyCx//0Pe7T2HX/8QAFhABAQEAAAAAAAAAAAAA' +
    'AAAAABES/9oACAEBAAEFAoiP/9CIj//RiI//0oiP/9PKI//UiI//1YiP/9aIj//XiI//0IiP/9GIj//SiI//04jL/9SIj//ViI//1oiP/9eIj//QyiP/0YiP' +
    '/9KIj//TiI//1Iyj/9WIj//WiI//14iP/9CIj//RiI//0oiP/9OIj//UiI//1YiP/9aIj//XiI//0IiP/9GI/8QAFhEBAQEAAAAAAAAAAAAAAAAAAgAS/9oA' +
    'CAEDAQE/AS4uLv/QLi4u/9HcXF3/0i4uLv/TLtxd/9QuLi7/1S4u3f/WLi4u/9cuLi7/0N3/xAAWEQEBAQAAAAAAAAAAAAAAAAAAEhH/2gAIAQIBAT8BpSn/' +
    '0KUp/9HVKf/SpSn/06ap/9SlKf/VpTX/1qUp/9elKf/Q1//EABQQAQAAAAAAAAAAAAAAAAAAABD/2gAIAQEABj8Cf//Qf//Rf//Sf//Tf//Uf//Vf//Wf//X' +
    'f//Qf//Rf//Sf//Tf//Uf//Vf//Wf//Xf//Qf//Rf//Sf//Tf//Uf//Vf//Wf//Xf//Qf//Rf//Sf//Tf//Uf//Vf//Wf//Xf//Qf//RP//EABcQAQEBAQAA' +
    'AAAAAAAAAAAAAAEAEBH/2gAIAQEAAT8hKUv/0ClL/9EpS//SKUv/04Uv/9QpS//VKUv/1ilL/9czL//QKUv/0SlL/9IpS//TKZf/1ClL/9UpS//WKUv/1ylL' +
    '/9CFL//RKUv/0ilL/9MpS//UMi//1SlL/9YpS//XKUv/0Cmf/9EpS//SKUv/0ylL/9QpS//VoIn/1iAgX//XIQF//9AECBf/0QXF/9oADAMBAAIAAwAAABCE' +
    'B/8A/9DoNz//0fQBf//S6jc//9PwJ/8A/9Tr4P8A/9X0DH//1v6gf//XBDC//9AP/8QAFhEBAQEAAAAAAAAAAAAAAAAAEAAB/9oACAEDAQE/EFX/0FX/0Wv/' +
    '0lX/01v/1FX/1Vf/1o0tL//XQP/Qn//EABcRAAMBAAAAAAAAAAAAAAAAAAABERD/2gAIAQIBAT8Qcjkcn//Qcjkcn//RLkcn/9JyORyf/9Nzlyf/1HI5HJ//' +
    '1XI5z//Wcjkcn//Xcjkcn//QP//EABgQAQEBAQEAAAAAAAAAAAAAAABhcRAB/9oACAEBAAE/EIoov//Qiii//9GKKL//0ooov//Twii//9SKKL//1Yoov//W' +
    'iii//9eLKL//0Ioov//Riii//9KKKL//04osP//Uiii//9WKKL//1ooov//Xiii//9DCKL//0Yoov//Siii//9OKKL//1IsIv//Viii//9aKKL//14oov//Q' +
    'iiy//9GKKL//0ooov//Tiii//9SKKL//1c8Hg//W8Ogf/9fweHB//9DoA//R4L//2Q==',
  'base64',
);

describe('file content: type from the bytes', () => {
  it('recognises PDF, JPEG and PNG by their signatures, and nothing else', () => {
    expect(sniff(tinyPdf())).toBe('application/pdf');
    expect(sniff(tinyJpeg())).toBe('image/jpeg');
    expect(sniff(tinyPng())).toBe('image/png');
    expect(sniff(Buffer.from('<!DOCTYPE html><html><body>%PDF-1.4</body></html>'))).toBeNull();
    expect(sniff(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]))).toBeNull(); // ELF
    expect(sniff(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).toBeNull(); // Windows executable
    expect(sniff(Buffer.from('PK\x03\x04' + 'x'.repeat(30), 'latin1'))).toBeNull(); // zip / docx
    expect(sniff(Buffer.from(' %PDF-1.4 leading space'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a disguise whatever the name says, and a real file whose name claims another type', () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect(() => inspectFile(html, 'statement.pdf')).toThrow(UnacceptableFile);
    expect(() => inspectFile(tinyPng(), 'statement.pdf')).toThrow(/extension/);
    expect(() => inspectFile(tinyPdf(), 'photo.pdf.exe')).toThrow(/extension/);
    expect(inspectFile(tinyPdf(), 'Statement.PDF')).toMatchObject({
      mediaType: 'application/pdf',
      ext: 'pdf',
      stripped: false,
    });
    expect(inspectFile(tinyJpeg(), 'IMG_0001.JPEG')).toMatchObject({ mediaType: 'image/jpeg', ext: 'jpg' });
    expect(inspectFile(tinyPng(), null)).toMatchObject({ mediaType: 'image/png', ext: 'png' });
  });

  it('reads the extension of the base name only', () => {
    expect(extensionOf('a/b.c/file')).toBeNull();
    expect(extensionOf('C:\\x.y\\scan.PDF')).toBe('pdf');
    expect(extensionOf('.hidden')).toBeNull();
    expect(extensionOf('trailing.')).toBeNull();
    expect(extensionOf('ໃບຍິນຍອມ.jpg')).toBe('jpg');
  });

  it('wants a PDF version header and an end-of-file marker', () => {
    expect(() => checkPdf(tinyPdf())).not.toThrow();
    expect(() => checkPdf(Buffer.from('%PDF-x.y\n%%EOF'))).toThrow(/header/);
    expect(() => checkPdf(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20)]))).toThrow(/end-of-file/);
  });
});

describe('JPEG metadata stripping', () => {
  it('removes EXIF with GPS, XMP, comments, IPTC, the JFIF thumbnail and data after the image, leaving the same picture', () => {
    const dirty = tinyJpeg({
      jfif: 'thumbnail',
      extra: [exifGpsSegment(), xmpSegment(), ...commentSegments('canary-comment')],
      trailer: Buffer.from('<html>appended</html>'),
    });
    expect(has(dirty, 'Exif')).toBe(true);
    expect(has(dirty, GPS_IFD_TAG)).toBe(true);
    const clean = stripJpeg(dirty);
    // byte for byte the metadata-free image (a decoder-checked fixture)
    expect(clean.equals(tinyJpeg())).toBe(true);
    for (const s of ['Exif', GPS_CANARY_MAKE, 'GPSLatitude', 'canary-comment', 'Photoshop', 'xap', 'appended'])
      expect(has(clean, s)).toBe(false);
    expect(has(clean, GPS_IFD_TAG)).toBe(false);
    expect(jpegMarkers(clean)).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
    expect(clean.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(clean.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('keeps a progressive libjpeg image with restart markers intact apart from its APP1 and comment', () => {
    expect(has(LIBJPEG_PROGRESSIVE, 'Exif')).toBe(true);
    expect(has(LIBJPEG_PROGRESSIVE, 'secret comment')).toBe(true);
    const clean = stripJpeg(LIBJPEG_PROGRESSIVE);
    expect(has(clean, 'Exif')).toBe(false);
    expect(has(clean, 'secret comment')).toBe(false);
    expect(clean.length).toBe(LIBJPEG_PROGRESSIVE.length - (2 + 30 + 2) - (2 + 14 + 2));
    expect(jpegMarkers(clean)).toEqual([0xe0, 0xdb, 0xdb, 0xc2, 0xc4, 0xc4, 0xdd, 0xda]);
    // every scan, table and restart after the first scan header is copied as it was
    const firstScan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(firstScan(clean).equals(firstScan(LIBJPEG_PROGRESSIVE))).toBe(true);
  });

  it('keeps a bare Adobe colour-transform header but not a longer APP14, and drops unknown APPn', () => {
    const adobe = jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
    const adobeLong = jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01 and more text', 'latin1'));
    const app15 = jpegSegment(0xef, Buffer.from('vendor secret'));
    const clean = stripJpeg(tinyJpeg({ extra: [adobe, adobeLong, app15] }));
    expect(jpegMarkers(clean)).toEqual([0xe0, 0xee, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
    expect(has(clean, 'vendor secret')).toBe(false);
    expect(has(clean, 'more text')).toBe(false);
  });

  it('leaves a file without metadata unchanged', () => {
    expect(stripJpeg(tinyJpeg()).equals(tinyJpeg())).toBe(true);
    expect(inspectFile(tinyJpeg(), 'x.jpg').stripped).toBe(false);
    expect(inspectFile(tinyJpeg({ extra: [exifGpsSegment()] }), 'x.jpg').stripped).toBe(true);
  });

  it('refuses what does not parse: truncated, no end marker, no frame, a pixel flood', () => {
    const good = tinyJpeg();
    expect(() => stripJpeg(good.subarray(0, good.length - 2))).toThrow(UnacceptableFile);
    expect(() => stripJpeg(good.subarray(0, 30))).toThrow(UnacceptableFile);
    expect(() => stripJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(/no image data/);
    expect(() => stripJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toThrow(UnacceptableFile);
    const flood = Buffer.from(good);
    const sof = flood.indexOf(Buffer.from([0xff, 0xc0]));
    flood.writeUInt16BE(0xffff, sof + 5);
    flood.writeUInt16BE(0xffff, sof + 7);
    expect(() => stripJpeg(flood)).toThrow(/too many pixels/);
  });
});

describe('PNG metadata stripping', () => {
  it('removes text, compressed text, EXIF and time chunks and data after the end, keeping the image chunks', () => {
    const dirty = tinyPng({ extra: pngMetadataChunks('canary-text'), trailer: Buffer.from('PK\x03\x04zip', 'latin1') });
    expect(pngChunkTypes(dirty)).toEqual(expect.arrayContaining(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']));
    const clean = stripPng(dirty);
    expect(clean.equals(tinyPng())).toBe(true);
    expect(pngChunkTypes(clean)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
    expect(has(clean, 'canary-text')).toBe(false);
    expect(has(clean, 'MM')).toBe(false);
  });

  it('refuses a bad checksum, a missing header, an unknown critical chunk, truncation and a pixel flood', () => {
    const good = tinyPng();
    const badCrc = Buffer.from(good);
    badCrc[good.length - 13] ^= 1; // inside the IDAT chunk
    expect(() => stripPng(badCrc)).toThrow(/checksum/);
    expect(() => stripPng(good.subarray(0, good.length - 12))).toThrow(/truncated/);
    expect(() => stripPng(tinyPng({ extra: [pngChunk('XXXX', Buffer.from('x'))] }))).toThrow(/critical/);
    const sig = good.subarray(0, 8);
    expect(() => stripPng(Buffer.concat([sig, pngChunk('IEND', Buffer.alloc(0))]))).toThrow(/header/);
    const huge = Buffer.alloc(13);
    huge.writeUInt32BE(100_000, 0);
    huge.writeUInt32BE(100_000, 4);
    huge[8] = 8;
    huge[9] = 2;
    expect(() => stripPng(Buffer.concat([sig, pngChunk('IHDR', huge), good.subarray(8 + 25)]))).toThrow(
      /too many pixels/,
    );
  });

  it('computes the PNG CRC-32 like zlib', () => {
    for (const s of ['', 'IEND', 'a much longer string with ຫຼ Lao letters']) {
      const b = Buffer.from(s, 'utf8');
      expect(crc32(b)).toBe(zlibCrc32(b));
    }
  });
});

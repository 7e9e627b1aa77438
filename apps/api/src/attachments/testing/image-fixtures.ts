import { crc32, deflateSync } from 'node:zlib';

/**
 * Real, tiny image files built byte by byte for the tests (no image library on the box): a baseline
 * JPEG and a PNG that decoders accept, and the metadata a phone camera puts in them (EXIF with a GPS
 * position, XMP, IPTC, comments, PNG text chunks). Nothing here is used by the application.
 */

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** A JPEG segment: FF marker, length, payload. */
export function jpegSegment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);
}

/** The JFIF APP0 header, optionally with a (1×1, RGB) thumbnail. */
export function jfifSegment(withThumbnail = false): Buffer {
  const head = Buffer.concat([Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0]), u16(1), u16(1)]);
  return jpegSegment(
    0xe0,
    withThumbnail
      ? Buffer.concat([head, Buffer.from([1, 1, 0xca, 0xfe, 0x42])])
      : Buffer.concat([head, Buffer.from([0, 0])]),
  );
}

/**
 * An 8×8 grey baseline JPEG (one component, flat quantisation, one-symbol Huffman tables, a single
 * block whose coefficients are all zero). `extra` segments go right after SOI/APP0, where cameras put
 * EXIF; `trailer` is appended after EOI.
 */
export function tinyJpeg(
  opts: { jfif?: 'plain' | 'thumbnail' | 'none'; extra?: Buffer[]; beforeScan?: Buffer[]; trailer?: Buffer } = {},
): Buffer {
  const jfif = opts.jfif ?? 'plain';
  const dqt = jpegSegment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof0 = jpegSegment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
  const oneSymbol = (tableClassId: number) =>
    Buffer.concat([Buffer.from([tableClassId, 1]), Buffer.alloc(15, 0), Buffer.from([0x00])]);
  const dhtDc = jpegSegment(0xc4, oneSymbol(0x00));
  const dhtAc = jpegSegment(0xc4, oneSymbol(0x10));
  const sos = jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  // DC category 0 ('0'), end of block ('0'), padded with ones
  const scan = Buffer.from([0x3f]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...(jfif === 'none' ? [] : [jfifSegment(jfif === 'thumbnail')]),
    ...(opts.extra ?? []),
    dqt,
    sof0,
    dhtDc,
    dhtAc,
    ...(opts.beforeScan ?? []),
    sos,
    scan,
    Buffer.from([0xff, 0xd9]),
    opts.trailer ?? Buffer.alloc(0),
  ]);
}

export const GPS_CANARY_MAKE = 'CanaryCam';

/**
 * An APP1 EXIF segment (big-endian TIFF) whose IFD0 names the camera and points (tag 0x8825) to a
 * GPS IFD with latitude and longitude (17°58'N 102°36'E).
 */
export function exifGpsSegment(): Buffer {
  const entry = (tag: number, type: number, count: number, value: Buffer) =>
    Buffer.concat([u16(tag), u16(type), u32(count), value]);
  const rationals = (parts: [number, number][]) => Buffer.concat(parts.flatMap(([n, d]) => [u32(n), u32(d)]));
  const make = Buffer.from(`${GPS_CANARY_MAKE}\0`, 'latin1'); // 10 bytes
  const ifd0At = 8;
  const makeAt = ifd0At + 2 + 2 * 12 + 4; // 38
  const gpsAt = makeAt + make.length; // 48
  const latAt = gpsAt + 2 + 4 * 12 + 4; // 102
  const lonAt = latAt + 24; // 126
  const tiff = Buffer.concat([
    Buffer.from('MM', 'latin1'),
    u16(42),
    u32(ifd0At),
    u16(2),
    entry(0x010f, 2, make.length, u32(makeAt)),
    entry(0x8825, 4, 1, u32(gpsAt)),
    u32(0),
    make,
    u16(4),
    entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')),
    entry(0x0002, 5, 3, u32(latAt)),
    entry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1')),
    entry(0x0004, 5, 3, u32(lonAt)),
    u32(0),
    rationals([
      [17, 1],
      [58, 1],
      [1234, 100],
    ]),
    rationals([
      [102, 1],
      [36, 1],
      [4321, 100],
    ]),
  ]);
  return jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
}

/** An APP1 XMP packet with a GPS position. */
export function xmpSegment(): Buffer {
  const xml =
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="17,58.2N" exif:GPSLongitude="102,36.7E"/></rdf:RDF></x:xmpmeta>';
  return jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${xml}`, 'utf8'));
}

/** A comment segment and an APP13 (Photoshop/IPTC) segment with text in them. */
export function commentSegments(text: string): Buffer[] {
  return [
    jpegSegment(0xfe, Buffer.from(text, 'utf8')),
    jpegSegment(0xed, Buffer.from(`Photoshop 3.0\0${text}`, 'utf8')),
  ];
}

// ---------------------------------------------------------------------------------------------

export function pngChunk(type: string, data: Buffer): Buffer {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), td, u32(crc32(td))]);
}

/** A 2×2 RGB PNG, with `extra` chunks before the image data and `trailer` after IEND. */
export function tinyPng(opts: { extra?: Buffer[]; trailer?: Buffer } = {}): Buffer {
  const ihdr = pngChunk('IHDR', Buffer.concat([u32(2), u32(2), Buffer.from([8, 2, 0, 0, 0])]));
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ihdr,
    pngChunk('gAMA', u32(45455)),
    ...(opts.extra ?? []),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
    opts.trailer ?? Buffer.alloc(0),
  ]);
}

/** Text, international text, compressed text, EXIF and time chunks, each carrying `text`. */
export function pngMetadataChunks(text: string): Buffer[] {
  return [
    pngChunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`Description\0\0\0\0\0${text}`, 'utf8')),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), deflateSync(Buffer.from(text, 'latin1'))])),
    pngChunk('eXIf', exifGpsSegment().subarray(10)),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 20, 9, 30, 0])),
  ];
}

/** A one-page PDF. */
export function tinyPdf(text = 'Evidence'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

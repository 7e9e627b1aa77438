import { cleanFileName } from './attachments.service';

describe('original file names (kept encrypted, shown only in the list)', () => {
  it('keeps the base name only, without control or bidi-override characters, NFC, at most 255 characters', () => {
    expect(cleanFileName('C:\\fakepath\\ໃບຍິນຍອມ.pdf')).toBe('ໃບຍິນຍອມ.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(cleanFileName('line\r\nbreak.pdf')).toBe('linebreak.pdf');
    expect(cleanFileName('e\u0301.pdf')).toBe('\u00e9.pdf');
    expect(Array.from(cleanFileName('ກ'.repeat(400))).length).toBe(255);
    expect(cleanFileName('')).toBe('attachment');
    expect(cleanFileName(undefined)).toBe('attachment');
    expect(cleanFileName('dir/')).toBe('attachment');
  });
});

import { HttpErrorResponse } from '@angular/common/http';
import type { PersonReadView } from '@ctms/domain';
import { searchInputOf } from '../persons/case-duplicates';
import { mediaTypeName, sizeParts, uploadProblems } from './case-attachments';
import { caseToolsEn, caseToolsLo, type CtKey } from './case-tools-i18n';

const t = (key: CtKey, params?: Readonly<Record<string, string | number>>) =>
  Object.entries(params ?? {}).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), caseToolsEn[key] as string);

describe('case tools: words', () => {
  it('has every word in Lao and English, the same placeholders in both, and Lao script in the Lao words', () => {
    expect(Object.keys(caseToolsLo).sort()).toEqual(Object.keys(caseToolsEn).sort());
    for (const key of Object.keys(caseToolsEn) as CtKey[]) {
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect({ key, holes: holes(caseToolsLo[key]) }).toEqual({ key, holes: holes(caseToolsEn[key]) });
      expect(caseToolsLo[key].trim().length).toBeGreaterThan(0);
    }
    expect(caseToolsLo['ct.tabs.files']).toMatch(/[\u0E80-\u0EFF]/);
    expect(caseToolsLo['ct.dup.confirmBody']).toMatch(/[\u0E80-\u0EFF]/);
  });
});

describe('case tools: files', () => {
  it('names the accepted types and nothing else', () => {
    expect(mediaTypeName('application/pdf')).toBe('PDF');
    expect(mediaTypeName('image/jpeg')).toBe('JPEG');
    expect(mediaTypeName('image/png')).toBe('PNG');
    expect(mediaTypeName('text/html')).toBeNull();
  });

  it('writes sizes in bytes, KB and MB', () => {
    expect(sizeParts(512)).toEqual({ key: 'ct.size.bytes', n: '512' });
    expect(sizeParts(2048)).toEqual({ key: 'ct.size.kb', n: '2' });
    expect(sizeParts(1536)).toEqual({ key: 'ct.size.kb', n: '1.5' });
    expect(sizeParts(3.5 * 1024 * 1024)).toEqual({ key: 'ct.size.mb', n: '3.5' });
  });

  it("puts the API's 400, 413 and 415 at the field they are about", () => {
    const bad = new HttpErrorResponse({
      status: 400,
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'category', problems: ['category must be one of …'] }] },
    });
    expect(uploadProblems(bad, t)).toEqual({ category: 'This value was refused: category must be one of …' });
    const empty = new HttpErrorResponse({
      status: 400,
      error: { details: [{ field: 'file', problems: ['file is empty'] }] },
    });
    expect(uploadProblems(empty, t)).toEqual({ file: 'The file is empty.' });
    const big = new HttpErrorResponse({ status: 413, error: { statusCode: 413, message: 'Request body too large' } });
    expect(uploadProblems(big, t)).toEqual({ file: 'The file is larger than the server accepts.' });
    const type = new HttpErrorResponse({
      status: 415,
      error: {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        details: [{ field: 'file', problems: ['not a PDF', 'accepted: PDF, JPEG, PNG'] }],
      },
    });
    expect(uploadProblems(type, t)['file']).toContain('only PDF, JPEG and PNG');
    expect(uploadProblems(type, t)['file']).toContain('not a PDF');
    expect(uploadProblems(new HttpErrorResponse({ status: 415, error: {} }), t)).toEqual({
      file: t('ct.files.err.type'),
    });
    expect(uploadProblems(new Error('x'), t)).toEqual({});
  });
});

describe('case tools: duplicate search input', () => {
  // what the API may answer, down to an identity without a Lao name or none at all
  const person = (identity: Record<string, unknown> | null) =>
    ({ id: 'p', mergedInto: null, identity }) as unknown as PersonReadView;
  it('searches with the Lao name first, then a Latin name or nickname, and the birth year only', () => {
    expect(
      searchInputOf(
        person({ givenNameLo: 'ສົມ', familyNameLo: 'ໃຈດີ', latinNames: ['Som Jaidee'], dateOfBirth: '1999-04-02' }),
      ),
    ).toEqual({
      name: 'ສົມ ໃຈດີ',
      dateOfBirth: '1999',
      limit: 10,
    });
    expect(searchInputOf(person({ latinNames: ['', 'Som Jaidee'] }))).toEqual({ name: 'Som Jaidee', limit: 10 });
    expect(searchInputOf(person({ nicknames: ['Noi'] }))).toEqual({ name: 'Noi', limit: 10 });
    expect(searchInputOf(person(null))).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import type { AutofillProposal } from '../api/autofillEndpoints.ts';
import { addresseeSurnameStem, pickAddressee, confidentOpen, isScan, normalised, outcomeOf, overlayBox, proposedFields } from './autofillFields.ts';

const proposal: AutofillProposal = {
  status: 'done',
  langs: 'rus+eng',
  fields: { kind: 'incoming', correspondent: 'ООО «Северный ветер»', outNumber: '12-34/567', outDate: '2026-03-05', subject: 'О ремонте кровли', signer: null, inn: '7707083893', inReplyTo: { number: '01-05/12', date: '2026-02-01' }, emails: [], pages: 1 },
  confidence: { kind: 0.9, correspondent: 0.95, outNumber: 0.9, outDate: 0.6, subject: 0.85, signer: 0, inn: 0.99, inReplyTo: 0.7, pages: 1 },
  sources: { outNumber: { page: 1, box: { x0: 250, y0: 500, x1: 1000, y1: 560 }, rel: { x0: 0.1, y0: 0.14, x1: 0.4, y1: 0.16 } }, subject: { page: 2, box: { x0: 0, y0: 0, x1: 1, y1: 1 }, rel: { x0: 0.1, y0: 0.1, x1: 0.2, y1: 0.2 } } },
  correspondent: null,
  duplicateOf: null,
  error: null,
};

describe('a scan’s proposal on the registration form', () => {
  test('form fields in the order of the paper card; abstentions and low confidence are marked, not hidden', () => {
    const { form, info } = proposedFields(proposal);
    expect(form.map((f) => f.name)).toEqual(['kind', 'correspondent', 'outNumber', 'outDate', 'subject', 'signer', 'addressee', 'pages']);
    const by = Object.fromEntries(form.map((f) => [f.name, f]));
    expect(by.subject?.target).toBe('summary');
    expect(by.pages?.target).toBe('sheets');
    expect(by.outNumber?.certainty).toBe('confident');
    expect(by.outDate?.certainty).toBe('unsure');
    expect(by.signer?.certainty).toBe('abstained');
    expect(by.addressee?.certainty).toBe('abstained');
    // Found details that have no control of their own are listed for reference; empty lists are not.
    expect(info.map((f) => [f.name, f.text])).toEqual([
      ['inn', '7707083893'],
      ['inReplyTo', '№ 01-05/12 от 2026-02-01'],
    ]);
    expect(proposedFields({ ...proposal, status: 'pending', fields: null })).toEqual({ form: [], info: [] });
  });

  test('accepted, corrected or open — compared as the server compares', () => {
    const corr = proposedFields(proposal).form[1];
    if (!corr) throw new Error('no field');
    expect(normalised(' ООО  "Северный ветёр" ')).toBe('ооо "северный ветер"');
    expect(outcomeOf(corr, '')).toBe('open');
    expect(outcomeOf(corr, 'ООО "Северный ветер"')).toBe('accepted');
    expect(outcomeOf(corr, 'ООО «Южный ветер»')).toBe('corrected');
    expect(outcomeOf({ text: '', certainty: 'abstained' }, 'что-то')).toBe('corrected');
    // The addressee accepted as the staff member found for «А. Н. Сергееву» stays accepted under that name.
    expect(outcomeOf({ text: 'А. Н. Сергееву', certainty: 'confident' }, 'Сергеев Алексей Николаевич', 'Сергеев Алексей Николаевич')).toBe('accepted');
  });

  test('«accept all confident» takes only confident fields the form does not hold yet', () => {
    const { form } = proposedFields(proposal);
    const values: Record<string, string> = { outNumber: '99', kind: '' };
    expect(confidentOpen(form, (target) => values[target] ?? '').map((f) => f.name)).toEqual(['kind', 'correspondent', 'subject', 'pages']);
  });

  test('source boxes scale onto the preview of their page only', () => {
    const { form } = proposedFields(proposal);
    const outNumber = form.find((f) => f.name === 'outNumber')?.source ?? null;
    expect(overlayBox(outNumber, 1, 0)).toEqual({ left: 10, top: 14, width: 30, height: 2 });
    expect(overlayBox(outNumber, 1, 0.01)).toEqual({ left: 9, top: 13, width: 32, height: 4 });
    expect(overlayBox(form.find((f) => f.name === 'subject')?.source ?? null, 1)).toBeNull();
    expect(overlayBox({ page: 1, box: { x0: 0, y0: 0, x1: 1, y1: 1 } }, 1)).toBeNull();
    expect(overlayBox({ page: 1, box: { x0: 0, y0: 0, x1: 1, y1: 1 }, rel: { x0: 0.99, y0: 0.99, x1: 1.2, y1: 1.3 } }, 1, 0)).toEqual({ left: 99, top: 99, width: 1, height: 1 });
  });

  test('scans and PDFs are read; other files are not', () => {
    expect(isScan('application/pdf', 'a.pdf')).toBe(true);
    expect(isScan('image/tiff', 'a.tif')).toBe(true);
    expect(isScan('application/octet-stream', 'скан.JPG')).toBe(true);
    expect(isScan('text/plain', 'a.txt')).toBe(false);
  });

  test('the addressee’s surname stem for the staff search', () => {
    expect(addresseeSurnameStem('Главе городского округа Заречный А. Н. Сергееву')).toBe('Серге');
    expect(addresseeSurnameStem('Петрову И.И.')).toBe('Петр');
    expect(addresseeSurnameStem('В администрацию района')).toBeNull();
    const staff = [
      { lastName: 'Павлов', firstName: 'Игорь', middleName: 'Сергеевич' },
      { lastName: 'Сергеев', firstName: 'Алексей', middleName: 'Николаевич' },
      { lastName: 'Сергеева', firstName: 'Анна', middleName: 'Петровна' },
    ];
    expect(pickAddressee('Главе городского округа Заречный А. Н. Сергееву', staff)).toBe(staff[1]);
    expect(pickAddressee('Сергеевой А.', staff)).toBeNull();
    expect(pickAddressee('Главе округа', staff)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { calendarDay, checkAppealDraft, fieldOfPath, megabytes, receiptFileName, receptionPath, receptionRoute, type AppealDraft } from './receptionForm.ts';
import type { ReceptionForm } from '../api/receptionEndpoints.ts';

const limits: ReceptionForm['limits'] = {
  maxFiles: 2,
  maxFileBytes: 10 * 1024 * 1024,
  allowedTypes: [
    { type: 'pdf', mime: 'application/pdf', extensions: ['.pdf'] },
    { type: 'jpeg', mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  ],
};
const draft: AppealDraft = { lastName: 'Соколова', firstName: 'Анна', email: 'anna@example.ru', postalAddress: '', text: 'Прошу отремонтировать освещение', consent: true, files: [] };

describe('reception addresses', () => {
  it('reads the form and the status page of a slug, and nothing else', () => {
    expect(receptionRoute('/reception/zarechny')).toEqual({ kind: 'form', slug: 'zarechny' });
    expect(receptionRoute('/reception/zarechny/status')).toEqual({ kind: 'status', slug: 'zarechny' });
    expect(receptionRoute('/reception/')).toBeNull();
    expect(receptionRoute('/reception/Заречный')).toBeNull();
    expect(receptionRoute('/clerk')).toBeNull();
    expect(receptionPath({ kind: 'status', slug: 'a1' })).toBe('/reception/a1/status');
  });
});

describe('appeal checks before sending', () => {
  it('accepts a complete appeal', () => {
    expect(checkAppealDraft(draft, limits, 'ru')).toEqual({});
    expect(checkAppealDraft({ ...draft, email: '', postalAddress: 'г. Заречный' }, limits, 'ru')).toEqual({});
  });

  it('names each missing or wrong field', () => {
    const problems = checkAppealDraft({ ...draft, lastName: ' ', firstName: '', email: '', text: 'кратко', consent: false }, limits, 'ru');
    expect(problems).toEqual({
      lastName: { key: 'rcp.err.lastName' },
      firstName: { key: 'rcp.err.firstName' },
      email: { key: 'rcp.err.contact' },
      text: { key: 'rcp.err.text' },
      consent: { key: 'rcp.err.consent' },
    });
    expect(checkAppealDraft({ ...draft, email: 'anna@' }, limits, 'ru').email).toEqual({ key: 'rcp.err.email' });
  });

  it('checks the files against the limits by name and size', () => {
    const pdf = { name: 'Схема.PDF', size: 1000 };
    expect(checkAppealDraft({ ...draft, files: [pdf] }, limits, 'ru')).toEqual({});
    expect(checkAppealDraft({ ...draft, files: [pdf, pdf, pdf] }, limits, 'ru').files).toEqual({ key: 'rcp.err.tooManyFiles', params: { count: 2 } });
    expect(checkAppealDraft({ ...draft, files: [{ name: 'x.exe', size: 1 }] }, limits, 'en').files).toEqual({ key: 'rcp.err.fileType', params: { name: 'x.exe', types: '.pdf, .jpg, .jpeg' } });
    expect(checkAppealDraft({ ...draft, files: [{ name: 'big.jpg', size: 11 * 1024 * 1024 }] }, limits, 'ru').files).toEqual({ key: 'rcp.err.fileTooLarge', params: { name: 'big.jpg', size: '10 МБ' } });
  });

  it('maps server error paths to fields and formats sizes', () => {
    expect(fieldOfPath('/body/lastName')).toBe('lastName');
    expect(fieldOfPath('/body/files')).toBe('files');
    expect(fieldOfPath('/body')).toBeNull();
    expect(megabytes(1.5 * 1024 * 1024, 'ru')).toBe('1,5 МБ');
    expect(megabytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(receiptFileName('ОГ-12/2026')).toBe('Уведомление о регистрации ОГ-12_2026.pdf');
    expect(calendarDay('2026-12-25', 'ru')).toBe('25.12.2026');
    expect(calendarDay('2026-12-25', 'en')).toBe('2026-12-25');
  });
});

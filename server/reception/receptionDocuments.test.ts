import { describe, expect, it } from 'vitest';
import { checkPdfa } from '../../archive/index.ts';
import { appealDocumentPdf, citizenName, firstWords, printable, receiptFileName, receiptPdf, russianDate } from './receptionDocuments.ts';

describe('reception documents', () => {
  it('keep an appeal in any script, with emoji and control characters, a valid PDF/A', async () => {
    const pdf = await appealDocumentPdf({
      id: 'a1',
      orgName: 'Администрация городского округа Заречный',
      citizen: { lastName: 'Ли', firstName: 'Вэй 李', email: 'li@example.ru' },
      appealType: 'жалоба',
      text: 'Прошу разобраться 漢字 ✓ 😀\u0007\r\nВторая строка\tс табуляцией',
      submittedAt: new Date('2026-11-25T10:00:00Z'),
      attachmentNames: ['фото 😀.jpg'],
    });
    expect(checkPdfa(pdf).errors).toEqual([]);
  });

  it('make a receipt that passes the validator, with and without a status code', async () => {
    for (const statusCode of ['ABCD-EFGH-JKLM', null]) {
      const pdf = await receiptPdf({
        cardId: 'c1', orgName: 'Администрация', regNumber: 'ОГ-7/2026', regDate: '2026-11-25', deadline: '2026-12-25', citizenName: 'Соколова Анна',
        summary: 'О ремонте освещения', channel: 'поступило через интернет-приёмную', attachments: [{ name: 'схема.pdf', size: 1234, sha256: 'a'.repeat(64) }], statusCode, issuedAt: new Date('2026-11-25T10:00:00Z'),
      });
      expect(checkPdfa(pdf).errors).toEqual([]);
    }
  });

  it('shorten, clean and name', () => {
    expect(firstWords('  Прошу   отремонтировать\nосвещение  ')).toBe('Прошу отремонтировать освещение');
    expect(firstWords('слово '.repeat(100), 30)).toBe('слово слово слово слово слово…');
    expect(printable('a\r\nb\tc\u0007d')).toBe('a\nb cd');
    expect(citizenName({ lastName: 'Соколова', firstName: 'Анна', middleName: ' ' })).toBe('Соколова Анна');
    expect(russianDate('2026-12-05')).toBe('05.12.2026');
    expect(receiptFileName('ОГ-1/2026')).toBe('Уведомление о регистрации ОГ-1_2026.pdf');
  });
});

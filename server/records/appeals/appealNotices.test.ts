import { describe, expect, it } from 'vitest';
import { checkPdfa } from '../../../archive/index.ts';
import { extensionNoticeFileName, extensionNoticePdf, forwardingNoticeFileName, forwardingNoticePdf, type NoticeBase } from './appealNotices.ts';

const base: NoticeBase = {
  cardId: 'c1',
  orgName: 'Администрация городского округа Заречный',
  regNumber: 'ОГ-7/2026',
  regDate: '2026-11-25',
  citizenName: 'Ли Вэй 李 😀',
  citizenContact: 'li@example.ru; г. Заречный, ул. Лесная, д. 5',
  signerName: 'Сергеев Сергей Сергеевич',
  issuedAt: new Date('2026-11-30T10:00:00Z'),
};

describe('appeal notices', () => {
  it('make an extension notice that passes our PDF/A validator, whatever the reason contains', async () => {
    const pdf = await extensionNoticePdf({ ...base, oldDeadline: '2026-12-25', newDeadline: '2027-01-25', reason: 'Запрос в ФНС\u0007\r\nвторая строка\tи 漢字' });
    expect(checkPdfa(pdf).errors).toEqual([]);
  });

  it('make a forwarding notice that passes our PDF/A validator, with and without an outgoing number', async () => {
    for (const outNumber of ['01-15/77', null]) {
      const pdf = await forwardingNoticePdf({ ...base, citizenContact: null, forwardedTo: 'Министерство жилищно-коммунального хозяйства Заречной области', forwardedOn: '2026-11-27', outNumber });
      expect(checkPdfa(pdf).errors).toEqual([]);
    }
  });

  it('name the files without a folder separator', () => {
    expect(extensionNoticeFileName('ОГ-7/2026')).toBe('Уведомление о продлении срока ОГ-7_2026.pdf');
    expect(forwardingNoticeFileName('ОГ-7/2026')).toBe('Уведомление о переадресации ОГ-7_2026.pdf');
  });
});

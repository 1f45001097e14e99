import { describe, expect, it } from 'vitest';
import { alignmentTokens, compareTokens, requisiteTokens } from './textAlignment.ts';

describe('text alignment for duplicates', () => {
  it('folds look-alike Latin letters and digits inside words, keeps numbers, drops short words', () => {
    expect(alignmentTokens('Просим 0казать сoдействие в PEMOHTE дома № 12, кв. 5')).toEqual(['просим', 'оказать', 'содеиствие', 'ремонте', 'дома', '12', '5']);
    expect(alignmentTokens('ПРИРЕЧНОЙ ПРИРЕЧНОИ Приречной')).toEqual(['приречнои', 'приречнои', 'приречнои']);
  });

  it('finds where a letter prints its own date and number, not the same values elsewhere', () => {
    const t = alignmentTokens('14 января 2026 г. № 06-98/231 Главе города. На 14 января 2026 г. в аптеках 231 рецепт');
    expect([...requisiteTokens(t, '2026-01-14', '06-98/231')].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(requisiteTokens(alignmentTokens('от 05.03.2026 № 12'), '2026-03-05', null)).toEqual(new Set([0, 1, 2]));
    expect(requisiteTokens(alignmentTokens('«5» мая 2026 г.'), '2026-05-05', null)).toEqual(new Set([0, 1, 2]));
    expect(requisiteTokens(alignmentTokens('5 марта 2026 г.'), '2026-05-05', null).size).toBe(0);
    // the day lost to OCR: the month and year still mark the letter's date
    expect(requisiteTokens(alignmentTokens('оТ } апреля 2026 г. № 14-13/1553'), '2026-04-03', null)).toEqual(new Set([0, 1]));
  });

  it('leaves out the letter\'s own date and number printed again together (an appendix «к письму от … № …»)', () => {
    const t = alignmentTokens('23 декабря 2025 г. № 1824 Главе города. Приложение к письму от 23 декабря 2025 г. № 1824. Перечень домов на 23 декабря 2025 г. площадью 1824 кв. м');
    const own = [...requisiteTokens(t, '2025-12-23', '1824')].map((k) => t[k]);
    expect(own).toEqual(['23', 'декабря', '2025', '1824', '23', 'декабря', '2025', '1824']);
    const numeric = alignmentTokens('от 22.12.2025 № 14-13/3710. Приложение № 1 к письму № 14-13/3710 от 22.12.2025');
    expect(requisiteTokens(numeric, '2025-12-22', '14-13/3710').size).toBe(12);
    // a resend re-dates and re-numbers the appendix too: no conflict is left
    const body = 'Просим включить дом в план ремонта.';
    const a = alignmentTokens(`23 декабря 2025 г. № 1824 ${body} Приложение к письму от 23 декабря 2025 г. № 1824 Перечень домов`);
    const b = alignmentTokens(`10 ноября 2025 г. № 2074 ${body} Приложение к письму от 10 ноября 2025 г. № 2074 Перечень домов`);
    expect(compareTokens(a, b, requisiteTokens(a, '2025-12-23', '1824'), requisiteTokens(b, '2025-11-10', '2074')).conflicts).toBe(0);
  });

  it('leaves out a sending stamp (a date with a time of day), which every resend of an e-mail or form changes', () => {
    const en = alignmentTokens('From: Орлов <info@smartsol.ru> Sent: Fri, 20 Feb 2026 12:45 To: adm@city.ru');
    const stamp = [...requisiteTokens(en, null, null)].map((k) => en[k]).sort();
    expect(stamp).toEqual(['12', '20', '2026', '45', 'fев', 'fгi'].sort());
    const ru = alignmentTokens('Отправлено: среда, 18 февраля 2026 г. 08:22');
    expect(requisiteTokens(ru, null, null).size).toBe(6);
    // a date alone is no stamp; a count after a date is no time of day
    expect(requisiteTokens(alignmentTokens('Акт от 18 февраля 2026 г. на 5 листах'), null, null).size).toBe(0);
  });

  it('does not count the words a resend changes against the copy', () => {
    const head = (d: string, stamp: string): string => `Sent: ${stamp} № 02-13/1259 от ${d}\n${body}`;
    const a = alignmentTokens(head('8 апреля 2026 г.', 'Wed, 8 Apr 2026 13:32'));
    const b = alignmentTokens(head('15 мая 2026 г.', 'Fri, 15 May 2026 10:05'));
    const r = compareTokens(a, b, requisiteTokens(a, '2026-04-08', '02-13/1259'), requisiteTokens(b, '2026-05-15', '02-13/1259'));
    expect(r.conflicts).toBe(0);
    expect(r.dice).toBe(1);
  });

  const body = 'По состоянию на 18 сентября 2025 г. в аптечных организациях города находится 33 рецептов, выписанных гражданам. Просим оказать содействие в информировании граждан.';

  it('a copy keeps the wording whatever OCR did to single letters; a changed own date is not a conflict', () => {
    const a = alignmentTokens(`14 января 2026 г. № 06-98/231\n${body}`);
    const b = alignmentTokens(`12 февраля 2026 г. № 06-48/552\n${body.replace('аптечных', 'аптечпых').replace('содействие', 'сoдeйствиe').replace('гражданам', 'граждаиам')}`);
    const r = compareTokens(a, b, requisiteTokens(a, '2026-01-14', '06-98/231'), requisiteTokens(b, '2026-02-12', '06-48/552'));
    expect(r.dice).toBeGreaterThan(0.9);
    expect(r.conflicts).toBe(0);
  });

  it('a sibling on the same template disagrees in its facts; one misread digit weighs half', () => {
    const a = alignmentTokens(body);
    const sibling = alignmentTokens(body.replace('18 сентября', '14 декабря').replace('33', '14'));
    // the day and count differ, and so does the month
    expect(compareTokens(a, sibling, new Set(), new Set()).conflicts).toBe(3);
    // a day OCR lost still leaves the month to disagree
    const dayLost = alignmentTokens(body.replace('18 сентября', 'марта'));
    expect(compareTokens(a, dayLost, new Set(), new Set()).conflicts).toBe(1);
    const misread = alignmentTokens(body.replace('33', '38'));
    expect(compareTokens(a, misread, new Set(), new Set()).conflicts).toBe(0.5);
    // a digit lost weighs half; another street beside another number is another address
    const house = alignmentTokens('Просим согласовать установку конструкции по адресу: ул. Космонавтов, д. 128, сроком на пять лет.');
    const otherHouse = alignmentTokens('Просим согласовать установку конструкции по адресу: ул. Первомайская, д. 22, сроком на пять лет.');
    const lostDigit = alignmentTokens('Просим согласовать установку конструкции по адресу: ул. Космонавтов, д. 28, сроком на пять лет.');
    expect(compareTokens(house, otherHouse, new Set(), new Set()).conflicts).toBe(2);
    expect(compareTokens(house, lostDigit, new Set(), new Set()).conflicts).toBe(0.5);
    // a date whose day and month differ where one of its numbers is the other date's month (04 aligns with 04)
    const dates = (d1: string, d2: string): string[] => alignmentTokens(`сведения по состоянию на ${d1}. Информацию просим направить в срок до ${d2} по форме.`);
    expect(compareTokens(dates('08.03.2026', '30.04.2026'), dates('06.03.2026', '04.05.2026'), new Set(), new Set()).conflicts).toBeGreaterThanOrEqual(2);
    // … while the same date read with one digit damaged stays below one
    expect(compareTokens(dates('08.03.2026', '30.04.2026'), dates('08.03.2026', '30.04.2028'), new Set(), new Set()).conflicts).toBe(0);
    // the same web form read twice: the fax lost the name, address and a label's end («телеф»), so a label stands
    // apart from its reading in the other; only words neither reading has nearby are other wording
    const form = alignmentTokens('Адресат: В администрацию города. Фамилия, имя: Анна. Почтовый адрес: Северореченск, Кирова 23-136. Телеф. Адрес электронной почты: sokolova@mail.ru. Тема обращения');
    const faxed = alignmentTokens('Адресат: Вадминистрацию города. Фамили Евгеньевна Телефон Гадрес электронной почты: sokolova@mail.ru. Тема обращения');
    expect(compareTokens(form, faxed, new Set(), new Set()).conflicts).toBe(0);
    const otherPerson = alignmentTokens('Адресат: В администрацию города. Фамилия, имя: Игорь Петрович. Почтовый адрес: Северореченск, Кирова 23-136. Телеф. Адрес электронной почты: sokolova@mail.ru. Тема обращения');
    const named = alignmentTokens('Адресат: В администрацию города. Фамилия, имя: Анна Евгеньевна. Почтовый адрес: Северореченск, Кирова 23-136. Телеф. Адрес электронной почты: sokolova@mail.ru. Тема обращения');
    expect(compareTokens(named, otherPerson, new Set(), new Set()).conflicts).toBe(1);
    // a long number in the same place: another notice when most digits differ, the same one misread in two digits
    const notice = (n: string): string[] => alignmentTokens(`При проведении закупки (извещение № ${n}) заказчиком допущены нарушения.`);
    expect(compareTokens(notice('0153300095826284881'), notice('0153300032926111861'), new Set(), new Set()).conflicts).toBe(1);
    expect(compareTokens(notice('0153300095826284881'), notice('0153300095828284831'), new Set(), new Set()).conflicts).toBe(0);
    // a fax header before the letter and digits split differently are not conflicts
    const fax = alignmentTokens(`29-11.2025 18:38 FROM 9163220445\n${body.replace('33', '3 3')}`);
    expect(compareTokens(a, fax, new Set(), new Set()).conflicts).toBe(0);
  });
});

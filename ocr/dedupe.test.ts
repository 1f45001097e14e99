import { describe, expect, it } from 'vitest';
import { findDuplicate, fingerprintOf } from './dedupe.ts';

const body =
  'Просим рассмотреть вопрос о ремонте дорожного покрытия по улице Садовой от дома 12 до дома 40. ' +
  'Покрытие разрушено, на проезжей части образовались ямы глубиной до 15 см, что создаёт угрозу безопасности движения.';

describe('duplicate detection', () => {
  // the letter's date as extraction finds it: a resend changes it, so it is left out of the comparison
  const original = fingerprintOf(`Исх. № 12-34/567 от 05.03.2026\n${body}`, { correspondent: 'ООО «Вектор»', subject: 'О ремонте дороги', outDate: '2026-03-05' });
  const earlier = [
    { id: 'a', fingerprint: original },
    { id: 'b', fingerprint: fingerprintOf('О проведении субботника. Приглашаем жителей принять участие.', { correspondent: 'ООО «Вектор»' }) },
  ];

  it('finds a resent letter with a new date and OCR noise', () => {
    const resent = fingerprintOf(`ПОВТОРНО Исх. № 12-34/567 от 19.03.2026\n${body.replace('Садовой', 'Сад0вой')}`, {
      correspondent: 'ООО «Вектор»',
      subject: 'О ремонте дороги',
      outDate: '2026-03-19',
    });
    const m = findDuplicate(resent, earlier);
    expect(m?.id).toBe('a');
    expect(m!.score).toBeGreaterThan(0.72);
    expect(m!.textSimilarity).toBeGreaterThan(0.7);
  });

  it('does not match the same text from another sender or a different letter', () => {
    const other = fingerprintOf(`Исх. № 1 от 05.03.2026\n${body}`, { correspondent: 'АО «Дорстрой»', subject: 'О ремонте дороги' });
    expect(findDuplicate(other, earlier)).toBeNull();
    const sibling = fingerprintOf(body.replace('Садовой от дома 12 до дома 40', 'Лесной от дома 3 до дома 9').replace('15 см', '20 см'), {
      correspondent: 'ООО «Вектор»',
      subject: 'О ремонте дороги',
    });
    expect(findDuplicate(sibling, earlier)?.id ?? null).toBeNull();
  });

  it('takes the same sender, outgoing number and subject for the same letter even when a fax reads badly', () => {
    const req = { correspondent: 'ООО «Вектор»', subject: 'О ремонте дороги', outNumber: '12-34/567' };
    const first = fingerprintOf(`Исх. № 12-34/567 от 05.03.2026\n${body}`, req);
    // a fax read badly: letters lost to specks, the end of the page unreadable
    const garbled = body.replace(/([а-я])([а-я])/g, (m, x: string, y: string, i: number) => (i % 5 === 0 ? `${x}${y === 'о' ? '0' : y}` : m)).slice(0, 110);
    const fax = fingerprintOf(`FAX 8163 P.1/1\nИсх. № 12-34/567 от 05.03.2026\n${garbled}`, req);
    expect(findDuplicate(fax, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
    // another number from the same sender about the same thing is another letter
    const next = fingerprintOf(`Исх. № 12-34/612 от 09.04.2026\n${garbled}`, { ...req, outNumber: '12-34/612' });
    expect(findDuplicate(next, [{ id: 'first', fingerprint: first }])).toBeNull();
  });

  it('takes the outgoing number and subject for the same letter when one copy\'s sender was unreadable, with a stricter text match', () => {
    const req = { correspondent: 'Совет депутатов города Северореченска', subject: 'Об уборке снега и наледи', outNumber: '14-13/1928' };
    const first = fingerprintOf(`21.01.2026 № 14-13/1928
${body}`, req);
    // the fax copy's letterhead came back as «COBET JENYTATOB»: no sender name, the rest of the page reads fairly
    const fax = fingerprintOf(`22-01-2026 10:35
21.01.2026 № 14-13/1928
${body.replace('Садовой', 'Сад0вой').replace('глубиной', 'глубинои')}`, { ...req, correspondent: null });
    expect(findDuplicate(fax, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
    // a page that reads too badly is not taken on the number alone when the sender is unknown
    const garbled = body.replace(/([а-я])([а-я])/g, (m, x: string, y: string, i: number) => (i % 5 === 0 ? `${x}${y === 'о' ? '0' : y}` : m)).slice(0, 110);
    const poor = fingerprintOf(`№ 14-13/1928
${garbled}`, { ...req, correspondent: null });
    expect(findDuplicate(poor, [{ id: 'first', fingerprint: first }])).toBeNull();
  });

  it('knows the sender when OCR reads its capitalised name in Latin look-alikes', () => {
    const latin = fingerprintOf(`Исх. № 12-34/567 от 19.03.2026\n${body}`, { correspondent: 'ООО «BEKTOP»', subject: 'О ремонте дороги', outDate: '2026-03-19' });
    expect(findDuplicate(latin, earlier)?.id).toBe('a');
  });

  it('fingerprints are plain JSON', () => {
    expect(JSON.parse(JSON.stringify(original))).toEqual(original);
  });

  describe('on poorly read pages', () => {
    const letter =
      'По состоянию на 18 сентября 2025 г. в аптечных организациях города на отсроченном обслуживании находится 33 рецептов, ' +
      'выписанных гражданам, имеющим право на получение государственной социальной помощи. Просим оказать содействие в ' +
      'информировании граждан о порядке получения лекарственных препаратов и при необходимости организовать доставку ' +
      'лекарств маломобильным пациентам.';
    // every third word loses or changes a letter, as 150-dpi scans do; character shingles then agree on ~0.6
    const damaged = (s: string): string =>
      s.split(' ').map((w, i) => (i % 3 === 1 && w.length > 4 ? w.slice(0, 2) + (w[2] === 'о' ? 'с' : 'и') + w.slice(3) : w)).join(' ');
    const req = { correspondent: 'ГБУЗ ПО «Городская поликлиника № 2»', inn: '5321517456', subject: 'О предоставлении льготных лекарственных препаратов' };
    const first = fingerprintOf(`14 января 2026 г. № 06-98/231\n${letter}`, { ...req, outNumber: '06-98/231', outDate: '2026-01-14' });

    it('finds a resend with a new date and number through OCR damage', () => {
      const resend = fingerprintOf(`ПОВТОРНО\n12 февраля 2026 г. № 06-48/552\n${damaged(letter)}`, { ...req, outNumber: '06-48/552', outDate: '2026-02-12' });
      const m = findDuplicate(resend, [{ id: 'first', fingerprint: first }]);
      expect(m?.id).toBe('first');
      expect(m!.textSimilarity).toBeGreaterThan(0.8);
    });

    it('takes one sender\'s outgoing number and a subject read with a letter damaged for the same letter', () => {
      const again = fingerprintOf(`ПОВТОРНО\n14 января 2026 г. № 06-98/231\n${damaged(letter).slice(0, 200)}`, {
        ...req,
        subject: 'О предоставлении льготных лекарствeнных препаратов'.replace('препаратов', 'прспаратов'),
        outNumber: '06-98/231',
      });
      expect(findDuplicate(again, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
    });

    it('does not take a sibling letter on the same template with other facts for a copy, even with the same subject', () => {
      const sibling = fingerprintOf(`27 января 2026 г. № 06-48/679\n${letter.replace('18 сентября', '14 декабря').replace('33', '14')}`, {
        ...req,
        outNumber: '06-48/679',
        outDate: '2026-01-27',
      });
      expect(findDuplicate(sibling, [{ id: 'first', fingerprint: first }])).toBeNull();
    });

    it('finds a fax copy whose letterhead was unreadable only when the text agrees in every fact', () => {
      const fax = fingerprintOf(`29-01-2026 18:38 FROM: 8163742589\n14 января 2026 г. № 06-98/231\n${letter}`, { outNumber: null, outDate: '2026-01-14' });
      expect(findDuplicate(fax, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
      const other = fingerprintOf(`14 января 2026 г.\n${letter.replace('33', '41')}`, { outDate: '2026-01-14' });
      expect(findDuplicate(other, [{ id: 'first', fingerprint: first }])).toBeNull();
    });

    it('compares fingerprints stored before words were recorded by their shingles alone', () => {
      const { tokens: _t, outDate: _d, ...old } = first;
      const resend = fingerprintOf(`12 февраля 2026 г. № 06-48/552\n${damaged(letter)}`, { ...req, outNumber: '06-48/552' });
      expect(findDuplicate(resend, [{ id: 'old', fingerprint: old }])).toBeNull();
      expect(findDuplicate(resend, [{ id: 'new', fingerprint: first }])?.id).toBe('new');
    });
  });

  describe('letters the development corpus does not make', () => {
    const text =
      'В связи с началом учебного года и увеличением интенсивности движения транспорта у здания школы просим рассмотреть ' +
      'возможность установки искусственной неровности и дорожных знаков на участке улицы Лесной от дома 4 до дома 18. ' +
      'Ежедневно через проезжую часть переходят более 300 учащихся, пешеходный переход не оборудован светофором, ' +
      'освещение отсутствует. Родительский комитет неоднократно обращался по данному вопросу. О принятом решении просим ' +
      'сообщить в установленный срок.';
    const head = 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5» 173001, г. Северореченск, ул. Лесная, д. 2 тел. 8 (8163) 22-41-17';

    it('knows one sender under two names when every word of one name is printed in both letters', () => {
      const subject = 'Об организации дорожного движения вблизи школы № 5';
      const first = fingerprintOf(`${head}\n12.12.2025 № 15-25/360\n${subject}\n${text}`, { correspondent: 'МБОУ «СОШ № 5»', subject, outNumber: '15-25/360', outDate: '2025-12-12' });
      // the resend's letterhead lost a line to the scan, so its name was derived as «Муниципальное бюджетное … школа»
      const resend = fingerprintOf(`${head}\n26.01.2026 № 15-92/615\n${subject}\n${text}`, {
        correspondent: 'Муниципальное бюджетное «Средняя общеобразовательная школа',
        subject,
        outNumber: '15-92/615',
        outDate: '2026-01-26',
      });
      expect(findDuplicate(resend, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
      // … also when the scan lost lines of it: once the letterheads agree, the words judge it as any copy
      const lost = text
        .replace('Ежедневно через проезжую часть переходят более 300 учащихся, пешеходный переход не оборудован светофором, освещение отсутствует. ', '')
        .replace('Родительский комитет неоднократно обращался по данному вопросу. ', '');
      const damaged = fingerprintOf(`${head}\n26.01.2026 № 15-92/615\n${subject}\n${lost}`, {
        correspondent: 'Муниципальное бюджетное «Средняя общеобразовательная школа',
        subject,
        outNumber: '15-92/615',
        outDate: '2026-01-26',
      });
      expect(findDuplicate(damaged, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
      // the same wording under another letterhead is another sender's letter
      const otherHead = 'Муниципальное автономное общеобразовательное учреждение «Гимназия № 2» 173005, г. Северореченск, пр. Мира, д. 11 тел. 8 (8163) 31-08-52';
      const other = fingerprintOf(`${otherHead}\n26.01.2026 № 7/112\n${subject}\n${text}`, { correspondent: 'МАОУ «Гимназия № 2»', subject, outNumber: '7/112', outDate: '2026-01-26' });
      expect(findDuplicate(other, [{ id: 'first', fingerprint: first }])).toBeNull();
    });

    const citizen = 'Главе города Северореченска от Морозова Олега Викторовича';
    const req = { correspondent: 'Морозов Олег Викторович', subject: 'О предоставлении копии постановления' };
    const first = fingerprintOf(`${citizen}\n${text}\n09.01.2026`, { ...req, outDate: '2026-01-09' });

    it('takes one sender’s letter of the same date and subject with lines lost to a fax for a copy', () => {
      // the fax lost the sentence about the parents' committee: every word left reads the same
      const faxed = text.replace('Родительский комитет неоднократно обращался по данному вопросу. ', '');
      const fax = fingerprintOf(`${citizen}\n${faxed}\n09.01.2026`, { ...req, outDate: '2026-01-09' });
      expect(findDuplicate(fax, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
    });

    it('takes a copy whose sender could not be read and that lost lines for a copy when nothing disagrees', () => {
      // the fax of the form lost the citizen's name and a sentence: the words left agree, the subject is the same
      const faxed = text.replace('Родительский комитет неоднократно обращался по данному вопросу. ', '');
      const fax = fingerprintOf(`Главе города Северореченска\n${faxed}\n09.01.2026`, { subject: req.subject, outDate: '2026-01-09' });
      expect(findDuplicate(fax, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
      // … but not one where a count differs
      const other = fingerprintOf(`Главе города Северореченска\n${faxed.replace('от дома 4 до дома 18', 'от дома 7 до дома 31')}\n09.01.2026`, { subject: req.subject, outDate: '2026-01-09' });
      expect(findDuplicate(other, [{ id: 'first', fingerprint: first }])).toBeNull();
    });

    it('takes a resend of another date whose copy lost lines, but not a letter saying something else in their place', () => {
      const lost = text.replace('Ежедневно через проезжую часть переходят более 300 учащихся, пешеходный переход не оборудован светофором, освещение отсутствует. ', '');
      const resend = fingerprintOf(`ПОВТОРНО\n${citizen}\n${lost}\n03.02.2026`, { ...req, outDate: '2026-02-03' });
      expect(findDuplicate(resend, [{ id: 'first', fingerprint: first }])?.id).toBe('first');
      const said = text.replace('Родительский комитет неоднократно обращался по данному вопросу.', 'Администрация школы направляла письмо в управление образования.');
      const other = fingerprintOf(`${citizen}\n${said}\n03.02.2026`, { ...req, outDate: '2026-02-03' });
      expect(findDuplicate(other, [{ id: 'first', fingerprint: first }])).toBeNull();
    });
  });

  describe('template siblings of one sender', () => {
    const prosecutor = (count: string, signer: string, executor: string): string =>
      'Прокуратурой города проведена проверка исполнения законодательства о порядке рассмотрения обращений граждан. ' +
      `Проверкой установлено, что в нарушение требований закона ${count} обращений рассмотрены с нарушением срока. ` +
      'На основании изложенного, руководствуясь статьёй 24 Федерального закона «О прокуратуре Российской Федерации», ' +
      `требую рассмотреть настоящее представление и принять меры к устранению нарушений закона.\nПрокурор города ${signer}\nИсп.: ${executor} тел. 4-47-75`;
    const req = { correspondent: 'Прокуратура города Северореченска', inn: '5321768178', subject: 'О внесении представления об устранении нарушений' };
    const first = fingerprintOf(`09.01.2026 № 1-11-2026/8778\n${prosecutor('27', 'С.И. Кузьмина', 'Морозов В.В.')}`, {
      ...req,
      outNumber: '1-11-2026/8778',
      outDate: '2026-01-09',
      signer: 'С.И. Кузьмина',
      executor: 'Морозов В.В.',
      textLayer: true,
    });

    it('takes one other count printed in the same wording of two born-digital letters for another letter', () => {
      const sibling = fingerprintOf(`15.04.2026 № 1-2-2026/7191\n${prosecutor('44', 'С.И. Кузьмина', 'Морозов В.В.')}`, {
        ...req,
        outNumber: '1-2-2026/7191',
        outDate: '2026-04-15',
        signer: 'С.И. Кузьмина',
        executor: 'Морозов В.В.',
        textLayer: true,
      });
      expect(findDuplicate(sibling, [{ id: 'first', fingerprint: first }])).toBeNull();
    });

    it('takes another executor or signer of born-digital letters for another letter, and the same ones re-dated for a resend', () => {
      const other = (signer: string, executor: string): ReturnType<typeof fingerprintOf> =>
        fingerprintOf(`15.04.2026 № 1-2-2026/7191\n${prosecutor('27', signer, executor)}`, { ...req, outNumber: '1-2-2026/7191', outDate: '2026-04-15', signer, executor, textLayer: true });
      expect(findDuplicate(other('С.И. Кузьмина', 'Ершов В.П.'), [{ id: 'first', fingerprint: first }])).toBeNull();
      expect(findDuplicate(other('А.В. Петров', 'Морозов В.В.'), [{ id: 'first', fingerprint: first }])).toBeNull();
      expect(findDuplicate(other('С.И. Кузьмина', 'Морозов В.В.'), [{ id: 'first', fingerprint: first }])?.id).toBe('first');
      // a surname read with one letter damaged is the same person
      expect(findDuplicate(other('С.И. Кузьмниа', 'Mорозов В.В.'), [{ id: 'first', fingerprint: first }])?.id).toBe('first');
    });

    it('on scans takes another executor beside another count for another letter, and a surname misread for the same one', () => {
      const scanned = (count: string, executor: string): ReturnType<typeof fingerprintOf> =>
        fingerprintOf(`15.04.2026 № 1-2-2026/7191\n${prosecutor(count, 'С.И. Кузьмина', executor)}`, { ...req, outNumber: '1-2-2026/7191', outDate: '2026-04-15', signer: 'С.И. Кузьмина', executor });
      const firstScanned = { ...first, textLayer: false };
      expect(findDuplicate(scanned('44', 'Ершов В.П.'), [{ id: 'first', fingerprint: firstScanned }])).toBeNull();
      // small type read with two letters damaged is still the same executor
      expect(findDuplicate(scanned('27', 'Мсрозоз В.В.'), [{ id: 'first', fingerprint: firstScanned }])?.id).toBe('first');
    });

    it('lets the words of two born-digital texts decide even when their number and subject are the same', () => {
      const jsc = { correspondent: 'Министерство экономического развития', subject: 'О направлении сведений для мониторинга', outNumber: '09-22-1358/9' };
      const one = fingerprintOf(`17.11.2025 № 09-22-1358/9\n${body} Просим представить сведения об исполнении плана мероприятий по погашению задолженности на 23 августа.`, { ...jsc, outDate: '2025-11-17', textLayer: true });
      const two = fingerprintOf(`31.12.2025 № 09-22-1358/9\n${body} Просим представить сведения о развитии муниципальных образований на 20 октября.`, { ...jsc, outDate: '2025-12-31', textLayer: true });
      expect(findDuplicate(two, [{ id: 'one', fingerprint: one }])).toBeNull();
      // scanned, the number and subject still identify the letter through damage
      expect(findDuplicate({ ...two, textLayer: false }, [{ id: 'one', fingerprint: { ...one, textLayer: false } }])?.id).toBe('one');
    });

    it('does not let a fax header read into one copy\'s sender name veto the same number, date and subject', () => {
      const jsc = { subject: 'О выдаче разрешения на строительство', outNumber: '09-26/2725', outDate: '2025-11-26' };
      const text = `26.11.2025 № 09-26/2725\n${body}`;
      const letter = fingerprintOf(`Акционерное общество «Жилстрой»\n${text}`, { ...jsc, correspondent: 'АО «Жилстрой»', inn: '5315710170' });
      const fax = fingerprintOf(`Р.01/01 ТО: 8163220415 28-11-2025 16:38\nАкционерное общество «Жилстрой»\n${text}`, {
        ...jsc,
        correspondent: 'Р.01/01. ТО: 8163220415 28-11- 2025 16:38 общество Акционерн',
      });
      expect(findDuplicate(fax, [{ id: 'letter', fingerprint: letter }])?.id).toBe('letter');
      // another sender's name still vetoes a letter of another date or number
      const other = fingerprintOf(`ООО «Вектор»\n${text}`, { ...jsc, outDate: '2025-11-27', correspondent: 'ООО «Вектор»' });
      expect(findDuplicate(other, [{ id: 'letter', fingerprint: letter }])).toBeNull();
    });
  });
});

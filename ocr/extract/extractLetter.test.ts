import { describe, expect, it } from 'vitest';
import { extractLetter } from './extractLetter.ts';
import { CorrespondentRegistry } from './org.ts';
import { letterPage as page, type Row } from './testing/letterPage.ts';

const recipient = { name: 'Администрация города Северореченска' };

describe('extractLetter: organisation letter', () => {
  const doc = page([
    [236, 200, 'Общество с ограниченной ответственностью «Вектор плюс»'],
    [236, 260, '173001, г. Северореченск, ул. Ленина, д. 5'],
    [236, 320, 'тел.: +7 (8163) 55-12-34, e-mail: info@vector.ru'],
    [236, 380, 'ИНН/КПП 5321000040/532101001, ОГРН 1025300000010'],
    [236, 380 + 60, 'р/с 40702810000000000001, БИК 044525225'],
    [236, 600, 'Исх. Ne 12-34/567 от «05» марта 2026 г.'],
    [1300, 600, 'Главе города Северореченска'],
    [1300, 660, 'М.Н. Киселёву'],
    [236, 680, 'На № 01-08/1123 от 12.02.2026'],
    [236, 800, 'О ремонте дороги по улице'],
    [236, 860, 'Садовой'],
    [900, 980, 'Уважаемый Михаил Николаевич!'],
    [354, 1060, 'Просим рассмотреть вопрос о ремонте дороги, письмо от 01.02.2026 № 5 осталось без ответа.'],
    [236, 1200, 'Приложение: схема на 2 л. в 1 экз.'],
    [236, 1400, 'Генеральный директор'],
    [1900, 1400, 'А.В. Петров'],
    [236, 3200, 'Исп. Сидорова Е.В., тел. 8 (8163) 22-33-44'],
  ]);
  const r = extractLetter(doc, { recipient });
  const f = r.fields;

  it('reads requisites and validates check digits', () => {
    expect(f.kind).toBe('incoming');
    expect(f.inn).toBe('5321000040');
    expect(f.kpp).toBe('532101001');
    expect(f.ogrn).toBe('1025300000010');
  });

  it('reads the outgoing number through the Ne look-alike, and the reply reference', () => {
    expect(f.outNumber).toBe('12-34/567');
    expect(f.outDate).toBe('2026-03-05');
    expect(f.inReplyTo).toEqual({ number: '01-08/1123', date: '2026-02-12' });
  });

  it('shortens the legal name and types the sender', () => {
    expect(f.correspondent).toBe('ООО «Вектор плюс»');
    expect(f.correspondentType).toBe('company');
  });

  it('finds addressee, subject, signature, executor, contacts and attachments', () => {
    expect(f.addressee).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(f.subject).toBe('О ремонте дороги по улице Садовой');
    expect(f.signer).toBe('А.В. Петров');
    expect(f.signerPosition).toBe('Генеральный директор');
    expect(f.executorName).toBe('Сидорова Е.В.');
    expect(f.emails).toEqual(['info@vector.ru']);
    expect(f.phones).toEqual(['+7 (8163) 55-12-34', '8 (8163) 22-33-44']);
    expect(f.attachmentsNote).toBe('схема на 2 л. в 1 экз');
    expect(f.citizenAddress).toBeNull();
    expect(f.pages).toBe(1);
  });

  it('records where each value was printed', () => {
    expect(r.sources.inn?.page).toBe(1);
    expect(r.sources.inn?.box.y0).toBe(380);
    expect(r.confidence.inn).toBeGreaterThan(0.8);
    expect(r.confidence.kpp).toBeGreaterThan(0.8);
    expect(r.sources.subject?.box.y1).toBe(910);
  });
});

describe('extractLetter: abstention', () => {
  it('leaves identifiers with a wrong check digit empty', () => {
    const r = extractLetter(page([[236, 200, 'ООО «Ромашка» ИНН 5321000048 ОГРН 1025300000017'], [236, 600, 'О поставке']]), { recipient });
    expect(r.fields.inn).toBeNull();
    expect(r.fields.ogrn).toBeNull();
    expect(r.confidence.inn).toBe(0);
  });

  it('keeps an e-mail address that tesseract scored low, alone on its line', () => {
    const doc = page(
      [
        [236, 200, 'ООО «Наружная реклама»'],
        [236, 260, 'тел.: +7 81654 6 36 80, E-mail:'],
        [236, 320, 'office@naruzhnaya-reklama.ru'],
        [236, 600, 'О согласовании рекламной конструкции'],
      ],
      'ocr',
    );
    const line = doc.pages[0]!.lines[2]!;
    line.confidence = 13;
    line.words[0]!.confidence = 18;
    expect(extractLetter(doc, { recipient }).fields.emails).toEqual(['office@naruzhnaya-reklama.ru']);
  });

  it('keeps phone numbers and split addresses that tesseract scored near zero', () => {
    const doc = page(
      [
        [236, 200, 'Совет депутатов'],
        [236, 260, 'эл почта office@gp2-sev tu'],
        [236, 600, 'О строительстве'],
        [236, 3000, '+7 816547 38 37'],
        [236, 3100, '|8-969-530-88-48'],
      ],
      'ocr',
    );
    const lines = doc.pages[0]!.lines;
    for (const w of [...lines[1]!.words.slice(2), ...lines[3]!.words, ...lines[4]!.words]) w.confidence = 0;
    lines[3]!.confidence = 20;
    lines[4]!.confidence = 28;
    const f = extractLetter(doc, { recipient }).fields;
    expect(f.phones).toEqual(['+7 816547 38 37', '8-969-530-88-48']);
    expect(f.emails).toEqual(['office@gp2-sev.ru']);
  });

  /** A scanned letter with one more line at the foot; `lowWord` gets a confidence tesseract gives short tokens. */
  const footed = (line: string, source: 'ocr' | 'text-layer' = 'ocr', lowWord?: number): ReturnType<typeof extractLetter>['fields'] => {
    const doc = page([[236, 200, 'ООО «Медиа плюс»'], [236, 600, 'О размещении информации'], [236, 3200, line]], source);
    if (lowWord !== undefined) doc.pages[0]!.lines[2]!.words[lowWord]!.confidence = 21;
    return extractLetter(doc, { recipient }).fields;
  };

  it('reads executors through OCR damage: low-scored initials, «Исп,», undotted initials, and «Т.» beside «т.»', () => {
    expect(footed('Исп, Гусева М.П. тел. 8 (906) 000-39-28', 'ocr', 2).executorName).toBe('Гусева М.П.');
    expect(footed('Исп Матвеев А В., тел 8 (8163) 48-27-99').executorName).toBe('Матвеев А.В.');
    expect(footed('Исполнитель: Антонова Т.Н., т. 55-12-34', 'text-layer').executorName).toBe('Антонова Т.Н.');
  });

  it('reads executors under a damaged label: stray marks, no dot but the phone beside, merged or Latin initials', () => {
    expect(footed('Исполнитель’ Антонова ТН.').executorName).toBe('Антонова Т.Н.');
    expect(footed('Мсп.; Герасимова М.И.').executorName).toBe('Герасимова М.И.');
    expect(footed('Hon Гусева М.П. тел. 8 (906) 000-39-28').executorName).toBe('Гусева М.П.');
    expect(footed('Hon. Герасимов СО').executorName).toBe('Герасимов С.О.');
    expect(footed('Исп Матвеев AB... тел 8 (8163) 48-27-99').executorName).toBe('Матвеев А.В.');
    // a short word before a name, with neither a dot nor a phone, is not taken for the label
    expect(footed('Для Гусевой М.П.').executorName).toBeNull();
  });

  it('keeps undotted initials after the surname on an executor line, under a label the scan damaged', () => {
    const spaced = (line: string): ReturnType<typeof extractLetter>['fields'] => {
      const doc = page([[236, 200, 'ООО «Медиа плюс»'], [236, 600, 'О размещении информации'], [236, 3200, line]], 'ocr');
      // initials printed apart from the surname, the way seal letters trail a line
      const words = doc.pages[0]!.lines[2]!.words;
      words.forEach((w, i) => {
        const shift = i >= words.length - 2 ? 40 * (i - words.length + 3) : 0;
        w.box = { ...w.box, x0: w.box.x0 + shift, x1: w.box.x1 + shift };
      });
      return extractLetter(doc, { recipient }).fields;
    };
    expect(spaced('Исполынтель Максимова Ю В').executorName).toBe('Максимова Ю.В.');
    expect(spaced('Исюлнилеть: Анисимов М И').executorName).toBe('Анисимов М.И.');
    expect(spaced('Исполнитель Журавлев А В').executorName).toBe('Журавлев А.В.');
    // a body sentence opening with «Ис…» is no executor line
    expect(spaced('Исходя из изложенного А В').executorName).toBeNull();
  });

  it('mends e-mail addresses around their dots and the .ru read as .nu', () => {
    expect(footed('e-mail: secretary@minobr. prireche.gov.ru, www.minobr.prireche.gov.ru').emails).toEqual(['secretary@minobr.prireche.gov.ru']);
    expect(footed('e-mail secretary@blag-sev ru').emails).toEqual(['secretary@blag-sev.ru']);
    expect(footed('E-mail: info@kompyuternyy-tsentr.nu').emails).toEqual(['info@kompyuternyy-tsentr.ru']);
  });

  it('repairs look-alikes in the number slots of the attachments formula', () => {
    expect(footed('Приложение: 1. Копия договора на бл. 6 1 экз. 2. Схема на Зл. в I зкз.').attachmentsNote).toBe(
      '1. Копия договора на 6 л. в 1 экз. 2. Схема на 3 л. в 1 экз',
    );
    expect(footed('Приложение: на 13 в 1 экз.').attachmentsNote).toBe('на 13 л. в 1 экз');
  });

  it('fills a count lost from the attachments formula with the thin «1», and reads «]» and «А.» in its slots', () => {
    expect(footed('Приложение: Перечень адресов на 3 л. в экз.').attachmentsNote).toBe('Перечень адресов на 3 л. в 1 экз');
    expect(footed('Приложение: Сведения по форме на л. в 1 экз.').attachmentsNote).toBe('Сведения по форме на 1 л. в 1 экз');
    // a comma for the sheet's full stop, a Cyrillic «В» for 8 in the sheet count
    expect(footed('Приложение: План-график на 1 л, в1 экз').attachmentsNote).toBe('План-график на 1 л. в 1 экз');
    expect(footed('Приложение: Сметный расчёт на В л. в 1 экз').attachmentsNote).toBe('Сметный расчёт на 8 л. в 1 экз');
    expect(footed('Приложение: Перечень документов на ] л. в ] экз.').attachmentsNote).toBe('Перечень документов на 1 л. в 1 экз');
    expect(footed('Приложение: Фотоматериалы на 2 А. в экз').attachmentsNote).toBe('Фотоматериалы на 2 л. в 1 экз');
    expect(footed('Прилсжение: на 14 л. в 1 экз.').attachmentsNote).toBe('на 14 л. в 1 экз');
    expect(footed('Приложенне: Фотоматериалы на 6 л. в I зкз.').attachmentsNote).toBe('Фотоматериалы на 6 л. в 1 экз');
    expect(footed('Приложить: схема').attachmentsNote).toBeNull();
    // a count that is printed is never touched
    expect(footed('Приложение: Схема на 12 л. в 2 экз.').attachmentsNote).toBe('Схема на 12 л. в 2 экз');
  });

  it('takes an executor whose initials were lost from the one person the letter names with that surname', () => {
    const letter = (rows: Array<[number, number, string]>): ReturnType<typeof extractLetter>['fields'] =>
      extractLetter(page([[236, 200, 'МИНИСТЕРСТВО СТРОИТЕЛЬСТВА'], [236, 600, 'О ремонте кровли'], ...rows], 'ocr'), { recipient }).fields;
    // the contact person in the body; «Воробъёе» is «Воробьёв» with ъ for ь and е for the final в
    expect(
      letter([
        [354, 1600, 'Контактное лицо по данному вопросу - Воробьёв А.И. тел. +7 (8163) 53-73-70.'],
        [339, 1880, 'Министр'],
        [1960, 1880, 'Бондаренко Е.А.'],
        [340, 3285, 'Исполнитель Воробъёе А'],
      ]).executorName,
    ).toBe('Воробьёв А.И.');
    // an entrepreneur executes his own letter
    expect(letter([[215, 1822, 'Индивидуальный предприниматель'], [2012, 1822, 'Богданов Е.П.'], [213, 3200, 'Исп Богданов']]).executorName).toBe('Богданов Е.П.');
    // two people with that surname: no choice
    expect(
      letter([
        [354, 1600, 'Контактные лица: Богданов А.А., Богданов Е.П.'],
        [215, 1822, 'Директор'],
        [2012, 1822, 'Петров И.И.'],
        [213, 3200, 'Исп Богданов'],
      ]).executorName,
    ).toBeNull();
  });

  it('reads a signature name through a trailing comma or dot and a small capital letter', () => {
    const signed = (name: string, position = 'Глава округа'): ReturnType<typeof extractLetter>['fields'] =>
      extractLetter(page([[236, 200, 'АДМИНИСТРАЦИЯ ЛЕСОГОРСКОГО ОКРУГА'], [236, 600, 'О ремонте дороги'], [376, 2184, position], [2097, 2181, name]], 'ocr'), { recipient }).fields;
    expect(signed('Ильин П.И,')).toMatchObject({ signer: 'Ильин П.И.', signerPosition: 'Глава округа' });
    expect(signed('А.А. Гусева.', 'Заместитель министра')).toMatchObject({ signer: 'А.А. Гусева', signerPosition: 'Заместитель министра' });
    expect(signed('бондаренко Е.А.', 'Министр')).toMatchObject({ signer: 'Бондаренко Е.А.', signerPosition: 'Министр' });
    expect(signed('П.И, Ильин').signer).toBe('П.И. Ильин');
    expect(signed('П,И. Ильин').signer).toBe('П.И. Ильин');
    expect(signed('A.A, Куликова', 'Заместитель генерального директора').signer).toBe('А.А. Куликова');
    // a scribble read as Latin letters and marks before the name
    expect(signed('UMS ~ NI ). Полякова А.И.').signer).toBe('Полякова А.И.');
    expect(signed('Согласовано с отделом Полякова А.И.').signer).toBeNull();
    // a lower-case line of the body is no signature
    expect(signed('согласно плану работ').signer).toBeNull();
  });

  // A ministry's scanned letter signed at the right, an executor's line and phone under the signature.
  const underSignature = (signature: string, executorLine: string) =>
    extractLetter(
      page(
        [
          [236, 200, 'МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ'],
          [236, 600, 'О лекарственном обеспечении'],
          [326, 1556, 'Министр'],
          [2030, 1559, signature],
          [325, 1739, executorLine],
          [324, 1790, 'тел.: +7 8163 75 95 70'],
        ],
        'ocr',
      ),
      { recipient },
    ).fields;

  it('finds an unlabelled executor below a signature whose first initial lost its dot', () => {
    const f = underSignature('НА. Новикова', 'Виноградов Дмитрий Александрович');
    expect(f.signer).toBe('Н.А. Новикова');
    expect(f.executorName).toBe('Виноградов Дмитрий Александрович');
  });

  it('reads an unlabelled executor in small type with a colon for an initial\'s dot or a patronymic\'s last letter lost', () => {
    const executor = (line: string): string | null => underSignature('Н.А. Новикова', line).executorName;
    expect(executor('О.И: Анисимова.')).toBe('О.И. Анисимова');
    expect(executor('Дорофеев. Василий Владимирови')).toBe('Дорофеев Василий Владимирович');
  });

  it('never proposes the receiving organisation as the correspondent', () => {
    const r = extractLetter(
      page([
        [900, 200, 'Администрация города Северореченска'],
        [236, 600, 'О проведении субботника'],
        [354, 700, 'Просим принять участие в субботнике, который пройдёт в субботу во дворе дома.'],
      ]),
      { recipient },
    );
    expect(r.fields.correspondent).toBeNull();
  });

  it('reads «№ 1»» closing a school\'s quoted name as part of its letterhead, not as the outgoing number', () => {
    const f = extractLetter(
      page([
        [457, 222, 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА СЕВЕРОРЕЧЕНСКА'],
        [733, 288, 'МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ'],
        [402, 360, 'ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ГИМНАЗИЯ'],
        [1200, 432, '№ 1»'],
        [938, 510, 'ул. Гагарина, д. 79, г. Светлоярск, 175140'],
        [1097, 554, 'тел. 8 (81661) 4-40-68'],
        [238, 712, 'от 19 ноября 2025 г. № 01-47/440'],
        [1312, 716, 'Главе города Северореченска'],
        [238, 865, 'О выделении средств на капитальный ремонт'],
      ]),
      { recipient },
    ).fields;
    expect(f.correspondent).toBe('МБОУ «ГИМНАЗИЯ № 1»');
    expect(f.outNumber).toBe('01-47/440');
    expect(f.outDate).toBe('2025-11-19');
  });

  it('drops a phone number cut short at a line end when the letter prints it whole', () => {
    const f = extractLetter(
      page([
        [236, 200, 'МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ'],
        [236, 260, 'тел.: +7 8163 32 08 37, факс +7 8163 55 37'],
        [236, 600, 'О лекарственном обеспечении'],
        [236, 3200, 'Исп. Цветков О.А., тел. +7 8163 55 37 67'],
      ]),
      { recipient },
    ).fields;
    expect(f.phones).toEqual(['+7 8163 32 08 37', '+7 8163 55 37 67']);
  });

  it('repairs a misread INN digit when the history knows the sender by that INN', async () => {
    const { buildExtractContext } = await import('../orgContext.ts');
    const history = [
      { id: 'H1', registeredAt: '2025-01-10', correspondent: 'Министерство здравоохранения Приречной области', correspondentType: 'government', inn: '5311369110', subject: 'О лекарствах', department: 'Отдел', executor: 'Иванов И.И.' },
    ];
    const letter = page([[236, 200, 'МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ'], [236, 260, 'ОКПО 99449165, ИНН 5311369170'], [236, 600, 'О лекарственном обеспечении']], 'ocr');
    // 7 for 1 breaks the check digit and no KPP or OGRN is printed: only the history can tell
    expect(extractLetter(letter, { recipient }).fields.inn).toBeNull();
    const f = extractLetter(letter, { ...buildExtractContext({ name: recipient.name }, history), recipient }).fields;
    expect(f.inn).toBe('5311369110');
    expect(f.correspondent).toBe('Министерство здравоохранения Приречной области');
  });

  it('prefers the registry spelling of a known sender', () => {
    const registry = new CorrespondentRegistry([{ name: 'МАОУ «СОШ № 14»' }, { name: 'Министерство образования Приречной области' }]);
    const r = extractLetter(
      page([
        [500, 150, 'Министерство образования Приречной области'],
        [500, 210, 'Муниципальное автономное общеобразовательное учреждение'],
        [500, 270, '«Средняя общеобразовательная школа № 14»'],
        [236, 600, 'от 02.03.2026 № 14-72/302'],
        [236, 700, 'О школьном автобусе'],
      ]),
      { recipient, registry },
    );
    expect(r.fields.correspondent).toBe('МАОУ «СОШ № 14»');
    expect(r.fields.correspondentType).toBe('municipal');
  });
});

describe('extractLetter: citizen appeal', () => {
  const doc = page([
    [1328, 190, 'Главе города Северореченска'],
    [1328, 250, 'Киселёву М.Н.'],
    [1328, 310, 'от Журавлёва Олега Алексеевича,'],
    [1328, 370, 'проживающего по адресу:'],
    [1328, 430, 'с. Ольховка, ул. Центральная, д. 21'],
    [1328, 490, 'Тел. 8-951-789-70-54'],
    [1185, 650, 'Заявление'],
    [472, 740, 'Прошу сообщить мой номер в очереди на предоставление земельного участка, поданного 03.09.2025.'],
    [354, 1280, '13.11.2025'],
    [1960, 1280, 'О.А. Журавлёв'],
  ]);
  const f = extractLetter(doc, { recipient }).fields;
  // A scanned appeal's body and signature under a header of its own: the tests below vary the header.
  const appealUnder = (header: Row[], signature = 'О.А. Журавлёв') =>
    extractLetter(
      page([
        ...header,
        [1185, 650, 'Заявление'],
        [472, 740, 'Прошу сообщить мой номер в очереди на предоставление земельного участка, поданного 03.09.2025.'],
        [1960, 1280, signature],
      ], 'ocr'),
      { recipient },
    ).fields;

  it('puts the citizen in the nominative and reads the block', () => {
    expect(f.kind).toBe('appeal');
    expect(f.correspondent).toBe('Журавлёв Олег Алексеевич');
    expect(f.correspondentType).toBe('citizen');
    expect(f.citizenAddress).toBe('с. Ольховка, ул. Центральная, д. 21');
    expect(f.phones).toEqual(['8-951-789-70-54']);
    expect(f.addressee).toBe('Главе города Северореченска Киселёву М.Н.');
  });

  it('finds the citizen\'s signature under a scribble by the surname the header names, with the header\'s initials', () => {
    const signed = (line: string): string | null =>
      extractLetter(
        page([
          [1106, 443, 'от Голубевой Ольги Михайловны,'],
          [1106, 503, 'проживающей по адресу:'],
          [1106, 563, 'г. Северореченск, ул. Ленина, д. 5'],
          [1185, 650, 'Заявление'],
          [472, 740, 'Прошу принять меры по ремонту подъезда нашего дома, который не ремонтировался много лет.'],
          [1907, 1632, line],
        ], 'ocr'),
        { recipient },
      ).fields.signer;
    expect(signed('ом Голубева')).toBe('О.М. Голубева');
    expect(signed('О.М. Голубева')).toBe('О.М. Голубева');
    // another surname at the signature's place is not the citizen's
    expect(signed('ом Петрова')).toBeNull();
  });

  it('reads «от» in capitals or in Latin look-alikes as the opening of the citizen\'s block', () => {
    for (const from of ['ОТ', 'ot', 'От', 'ст']) {
      const g = appealUnder([
        [1328, 190, 'Главе города Северореченска'],
        [1328, 250, 'Киселёву М.Н.'],
        [1328, 310, `${from} Журавлёва Олега Алексеевича,`],
        [1328, 370, 'проживающего по адресу:'],
        [1328, 430, 'с. Ольховка, ул. Центральная, д. 21'],
      ]);
      expect(g.correspondent).toBe('Журавлёв Олег Алексеевич');
      expect(g.addressee).toBe('Главе города Северореченска Киселёву М.Н.');
    }
  });

  it('does not let a speck before the first word move a line out of its block', () => {
    const g = appealUnder(
      [
        [1233, 190, '‚ Заместителю главы администрации города'],
        [1290, 250, 'по социальным вопросам'],
        [1290, 310, 'А.Г. Матвеевой'],
      ],
      'П.И. Маслов',
    );
    expect(g.addressee).toBe('Заместителю главы администрации города по социальным вопросам А.Г. Матвеевой');
  });

  it('ends a citizen\'s address at a contact line whatever its label was read as', () => {
    const g = appealUnder(
      [
        [1328, 190, 'Главе города Северореченска'],
        [1328, 250, 'Киселёву М.Н.'],
        [1328, 310, 'от Маслова Павла Ивановича,'],
        [1328, 370, 'проживающего по адресу:'],
        [1328, 430, '173070, г. Северореченск, ул. Пушкина, д. 95, кв. 111'],
        [1328, 490, 'Tem: (992) 2983748'],
      ],
      'П.И. Маслов',
    );
    expect(g.citizenAddress).toBe('173070, г. Северореченск, ул. Пушкина, д. 95, кв. 111');
  });

  it('dates the appeal by the date beside the signature, not by dates in the body', () => {
    expect(f.outDate).toBe('2025-11-13');
    expect(f.signer).toBe('О.А. Журавлёв');
    expect(f.signerPosition).toBeNull();
    expect(f.outNumber).toBeNull();
    expect(f.inn).toBeNull();
  });
});

describe('extractLetter: layouts beyond the usual letterheads', () => {
  it('reads an angular blank: the sender in the left column, the addressee beside it at the top right', () => {
    const f = extractLetter(
      page([
        [420, 200, 'Автономная некоммерческая организация'],
        [1400, 200, 'Первому заместителю главы'],
        [500, 262, '«Центр поддержки экспорта»'],
        [1400, 262, 'администрации города'],
        [420, 320, 'ул. Садовая, д. 4, г. Тверь, 170000'],
        [1400, 324, 'Северореченска'],
        [1400, 386, 'Н.В. Новикову'],
        [430, 380, 'тел. +7 (4822) 55-12-34'],
        [300, 470, '12.03.2026 № 45/2'],
        [300, 540, 'На № 01-15/234 от 02.03.2026'],
        [300, 640, 'По вопросу участия в региональной'],
        [300, 700, 'выставке-ярмарке'],
        [900, 820, 'Уважаемый Николай Васильевич!'],
        [472, 900, 'Просим рассмотреть возможность участия администрации города в выставке-ярмарке в апреле.'],
        [300, 1200, 'Исполнительный директор'],
        [1900, 1200, 'А.С. Орлов'],
      ]),
      { recipient },
    ).fields;
    expect(f.correspondent).toBe('АНО «Центр поддержки экспорта»');
    expect(f.correspondentType).toBe('company');
    // a short letterhead line beside an addressee row is not a form's label that ends the block
    expect(f.addressee).toBe('Первому заместителю главы администрации города Северореченска Н.В. Новикову');
    expect(f.subject).toBe('По вопросу участия в региональной выставке-ярмарке');
    expect(f.outNumber).toBe('45/2');
    expect(f.outDate).toBe('2026-03-12');
    expect(f.inReplyTo).toEqual({ number: '01-15/234', date: '2026-03-02' });
    expect(f.signer).toBe('А.С. Орлов');
    expect(f.signerPosition).toBe('Исполнительный директор');
  });

  it('reads a printed e-mail: subject from its label, the recipient mailbox left out, a flush-left signature', () => {
    const f = extractLetter(
      page([
        [300, 150, 'А.С. Орлов'],
        [300, 230, 'От:'],
        [640, 230, 'А.С. Орлов <info@smartsol.ru>'],
        [300, 290, 'Отправлено:'],
        [640, 290, 'четверг, 12 марта 2026 г. 10:15'],
        [300, 350, 'Кому:'],
        [640, 350, 'priem@adm-city.ru'],
        [300, 410, 'Тема:'],
        [640, 410, 'Коммерческое предложение на поставку оборудования'],
        [300, 520, 'Исх. № 45/2 от 12.03.2026'],
        [1300, 600, 'Главе города Северореченска'],
        [1300, 660, 'М.Н. Киселёву'],
        [900, 760, 'Уважаемый Михаил Николаевич!'],
        [300, 840, 'Направляем коммерческое предложение на поставку серверного оборудования для нужд администрации.'],
        [300, 1000, 'С уважением,'],
        [300, 1060, 'Управляющий директор'],
        [300, 1120, 'Орлов А.С.'],
        [300, 1180, 'Общество с ограниченной ответственностью «Smart Solutions»'],
        [300, 1240, 'тел. +7 (843) 555-12-34, info@smartsol.ru'],
      ]),
      { recipient },
    ).fields;
    expect(f.subject).toBe('Коммерческое предложение на поставку оборудования');
    expect(f.emails).toEqual(['info@smartsol.ru']);
    expect(f.addressee).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(f.outNumber).toBe('45/2');
    expect(f.outDate).toBe('2026-03-12');
    expect(f.signer).toBe('Орлов А.С.');
    expect(f.signerPosition).toBe('Управляющий директор');
    expect(f.correspondent).toBe('ООО «Smart Solutions»');
    expect(f.correspondentType).toBe('company');
  });

  it('takes «К вопросу о …» as a heading, not a body sentence that opens with «По вопросу, …»', () => {
    const letter = (line: string): string | null =>
      extractLetter(
        page([
          [300, 200, 'Общество с ограниченной ответственностью «Вектор»'],
          [300, 300, 'Исх. № 12 от 05.03.2026'],
          [300, 420, line],
          [472, 520, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году и сообщить о решении.'],
          [300, 800, 'Генеральный директор'],
          [1900, 800, 'А.В. Петров'],
        ]),
        { recipient },
      ).fields.subject;
    expect(letter('К вопросу о ремонте дороги по улице Садовой')).toBe('К вопросу о ремонте дороги по улице Садовой');
    expect(letter('По вопросу, изложенному в Вашем письме, сообщаем следующее.')).toBeNull();
    expect(letter('По вопросу ремонта дороги сообщаем следующее.')).toBeNull();
    expect(letter('Коммерческое предложение на поставку оборудования')).toBe('Коммерческое предложение на поставку оборудования');
    expect(letter('Претензия по договору поставки № 12')).toBe('Претензия по договору поставки № 12');
  });

  it('joins a year wrapped to the next line to its date, and reads an executor printed with his phone on one line', () => {
    const f = extractLetter(
      page([
        [700, 150, 'Администрация Лесогорского муниципального округа'],
        [300, 300, 'исх.№02-23/2940 от «31» декабря'],
        [1400, 300, 'Главе города Северореченска'],
        [300, 360, '2025 г.'],
        [1400, 360, 'М.Н. Киселёву'],
        [300, 460, 'Об исправлении реестровой ошибки'],
        [900, 600, 'Уважаемый Михаил Николаевич!'],
        [472, 680, 'Просим рассмотреть вопрос об исправлении реестровой ошибки в сведениях о границах участка.'],
        [300, 900, 'Глава округа'],
        [1900, 900, 'И.А. Денисов'],
        [300, 3200, 'М.О. Лебедев, +7 993 561 02 52'],
      ]),
      { recipient },
    ).fields;
    expect(f.outNumber).toBe('02-23/2940');
    expect(f.outDate).toBe('2025-12-31');
    expect(f.executorName).toBe('М.О. Лебедев');
  });

  it('reads a dative opening that OCR split inside the first word («Гла ве города …»)', () => {
    const f = extractLetter(
      page(
        [
          [300, 150, 'Общество с ограниченной ответственностью «Вектор»'],
          [1400, 300, 'Гла ве города Северореченска'],
          [1400, 360, 'Киселёву М.Н.'],
          [300, 420, '25.05.2026 № 11-61/936'],
          [300, 520, 'О выдаче разрешения на строительство'],
        ],
        'ocr',
      ),
      { recipient },
    ).fields;
    expect(f.addressee).toBe('Главе города Северореченска Киселёву М.Н.');
  });

  it('finds the body of an e-mail without a salutation by its ragged first paragraph', () => {
    const f = extractLetter(
      page([
        [300, 150, 'П.В. Журавлёв'],
        [300, 230, 'От:'],
        [640, 230, 'П.В. Журавлёв <sevgor@proc53.gov.ru>'],
        [300, 290, 'Тема:'],
        [640, 290, 'Информация о ходе реализации регионального проекта'],
        [300, 400, 'Исх. № 7-2-2026/1234 от 09.01.2026'],
        [1300, 480, 'Начальнику правового управления'],
        [1300, 540, 'С.И. Тимофеевой'],
        [300, 640, 'Прокуратурой проводится проверка исполнения законодательства о'],
        [300, 700, 'противодействии коррупции на территории города.'],
        [300, 800, 'Приложение: на 23 л. в 1 экз.'],
        [300, 900, 'С уважением,'],
        [300, 960, 'Прокурор города'],
        [300, 1020, 'Журавлёв П.В.'],
        [300, 1080, 'Прокуратура города Северореченска'],
      ]),
      { recipient },
    ).fields;
    expect(f.subject).toBe('Информация о ходе реализации регионального проекта');
    expect(f.addressee).toBe('Начальнику правового управления С.И. Тимофеевой');
    expect(f.signer).toBe('Журавлёв П.В.');
    expect(f.signerPosition).toBe('Прокурор города');
    expect(f.correspondent).toBe('Прокуратура города Северореченска');
    expect(f.attachmentsNote).toBe('на 23 л. в 1 экз');
    // both dots of the initials lost, one read as a comma
    const scanned = extractLetter(
      page(
        [
          [300, 150, 'Н.Е. Марков'],
          [300, 230, 'От:'],
          [640, 230, 'Н.Е. Марков <gibdd@mvd.ru>'],
          [300, 400, 'Исх. № 12 от 09.01.2026'],
          [1300, 480, 'Главе города Северореченска'],
          [300, 640, 'Сообщаем о проведении профилактического мероприятия на дорогах города'],
          [300, 700, 'в период с 12 по 16 января текущего года.'],
          [300, 900, 'С уважением,'],
          [300, 960, 'Заместитель начальника ОГИБДД'],
          [300, 1020, 'НЕ, Марков'],
        ],
        'ocr',
      ),
      { recipient },
    ).fields;
    expect(scanned.signer).toBe('Н.Е. Марков');
    expect(scanned.signerPosition).toBe('Заместитель начальника ОГИБДД');
  });

  it('reads «№:» before a number with an «-исх» suffix, a full-named executor with «Тел.:», a position under a valediction', () => {
    const f = extractLetter(
      page([
        [700, 150, 'Благотворительный фонд «Добрые руки»'],
        [300, 300, '№: 08-20/4596-исх от 11.11.2025'],
        [1400, 300, 'Главе города Северореченска'],
        [1400, 360, 'М.Н. Киселёву'],
        [300, 460, 'О помощи семьям'],
        [472, 600, 'Направляем сведения о семьях, которым требуется помощь в подготовке к зиме.'],
        [300, 800, 'С уважением,'],
        [300, 860, 'Главный врач'],
        [300, 920, 'Орлов А.С.'],
        [300, 3200, 'Бобров Александр Петрович, Тел.: +7 (993) 871-26-21'],
      ]),
      { recipient },
    ).fields;
    expect(f.outNumber).toBe('08-20/4596-исх');
    expect(f.outDate).toBe('2025-11-11');
    expect(f.signer).toBe('Орлов А.С.');
    expect(f.signerPosition).toBe('Главный врач');
    expect(f.executorName).toBe('Бобров Александр Петрович');
    expect(f.correspondent).toBe('Благотворительный фонд «Добрые руки»');
    expect(f.correspondentType).toBe('company');
  });

  it('does not take a body paragraph opening with «О …» and asking something for a subject', () => {
    const f = extractLetter(
      page([
        [1106, 300, 'Главе города Северореченска'],
        [1106, 360, 'от Голубевой Ольги Михайловны,'],
        [1106, 420, 'проживающей по адресу:'],
        [1106, 480, 'г. Северореченск, ул. Ленина, д. 5'],
        [1185, 600, 'Заявление'],
        [472, 700, 'Прошу принять меры по ремонту подъезда нашего дома, который не ремонтировался много'],
        [300, 760, 'лет, штукатурка осыпается, окна не закрываются.'],
        [472, 820, 'О результатах рассмотрения обращения прошу сообщить в'],
        [300, 880, 'установленный законом срок.'],
        [1907, 1100, 'О.М. Голубева'],
      ]),
      { recipient },
    ).fields;
    expect(f.subject).toBeNull();
  });

  it('reads a citizen\'s block without «от»: the genitive name before «проживающей», or «Заявитель:» with a wrapped patronymic', () => {
    const appeal = (block: Array<[number, number, string]>): ReturnType<typeof extractLetter>['fields'] =>
      extractLetter(
        page([
          [1106, 200, 'Главе города Северореченска'],
          [1106, 260, 'М.Н. Киселёву'],
          ...block,
          [1185, 700, 'Жалоба'],
          [472, 800, 'Прошу принять меры по ремонту подъезда нашего дома, который не ремонтировался много лет.'],
          [300, 1000, '12.03.2026'],
          [1907, 1000, 'Е.А. Гусева'],
        ]),
        { recipient },
      ).fields;
    const gen = appeal([
      [1106, 320, 'Гусевой Екатерины Алексеевны,'],
      [1106, 380, 'проживающей по адресу:'],
      [1106, 440, 'г. Северореченск, ул. Заводская, д. 99'],
    ]);
    expect(gen.kind).toBe('appeal');
    expect(gen.correspondent).toBe('Гусева Екатерина Алексеевна');
    expect(gen.addressee).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(gen.citizenAddress).toBe('г. Северореченск, ул. Заводская, д. 99');
    const labelled = appeal([
      [1106, 320, 'Заявитель: Гусева Екатерина'],
      [1106, 380, 'Алексеевна,'],
      [1106, 440, 'адрес регистрации:'],
      [1106, 500, 'г. Северореченск, ул. Заводская, д. 99'],
    ]);
    expect(labelled.kind).toBe('appeal');
    expect(labelled.correspondent).toBe('Гусева Екатерина Алексеевна');
    expect(labelled.addressee).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(labelled.citizenAddress).toBe('г. Северореченск, ул. Заводская, д. 99');
  });

  it('does not take a letterhead\'s wide contact line for the first paragraph, so a heading below it still counts', () => {
    const f = extractLetter(
      page([
        [600, 150, 'Общество с ограниченной ответственностью «Вектор»'],
        [300, 230, 'тел. +7 (4012) 27-79-08, Факс: +7 (4012) 33-23-88, E-mail: kanc@vector.ru'],
        [300, 330, '23.01.2026 № 13.29-3053'],
        [1300, 420, 'Главе города Северореченска'],
        [1300, 480, 'М.Н. Киселёву'],
        [640, 580, 'По вопросу уточнения границ земельного участка'],
        [880, 700, 'Уважаемый Михаил Николаевич!'],
        [442, 790, 'Между нашей организацией и администрацией города заключён договор аренды земельного участка.'],
      ]),
      { recipient },
    ).fields;
    expect(f.subject).toBe('По вопросу уточнения границ земельного участка');
  });

  it('knows other executor labels: «Контактное лицо:», «Ответственный исполнитель:», «Исп-ль:», «Подготовила:»', () => {
    const executor = (line: string, source: 'ocr' | 'text-layer' = 'text-layer'): string | null =>
      extractLetter(
        page(
          [
            [300, 200, 'Общество с ограниченной ответственностью «Вектор»'],
            [300, 300, 'Исх. № 12 от 05.03.2026'],
            [300, 420, 'О ремонте дороги'],
            [472, 520, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году и сообщить о решении.'],
            [300, 800, 'Генеральный директор'],
            [1900, 800, 'А.В. Петров'],
            [300, 3200, line],
          ],
          source,
        ),
        { recipient },
      ).fields.executorName;
    expect(executor('Контактное лицо: Сидорова Е.В., тел. 8 (8163) 22-33-44')).toBe('Сидорова Е.В.');
    expect(executor('Ответственный исполнитель: Рябова Марина Михайловна')).toBe('Рябова Марина Михайловна');
    expect(executor('Исп-ль: Ткаченко И.М.')).toBe('Ткаченко И.М.');
    expect(executor('Подготовила: Е.В. Сидорова')).toBe('Е.В. Сидорова');
    // a scan's damage: the label's look-alikes, undotted initials with a speck after them, «тел» in Latin
    expect(executor('Мсп Александрова Е Е . 8 (383) 242-25-84', 'ocr')).toBe('Александрова Е.Е.');
    expect(executor('Миронов Михаил Евгеньевич, ten 8-81668-7-79-79', 'ocr')).toBe('Миронов Михаил Евгеньевич');
  });

  it('continues a centred subject on a line that opens with a number', () => {
    const f = extractLetter(
      page([
        [1106, 200, 'Главе города Северореченска'],
        [1106, 260, 'от Белоусова Игоря Андреевича,'],
        [1106, 320, 'проживающего по адресу:'],
        [1106, 380, 'г. Северореченск, ул. Ленина, д. 5'],
        [1108, 500, 'ОБРАЩЕНИЕ'],
        [300, 600, 'Об организации дорожного движения вблизи общеобразовательной школы'],
        [994, 670, '№ 9'],
        [500, 780, 'Мой ребёнок учится в школе № 9. По дороге в школу детям приходится переходить улицу.'],
        [1907, 1000, 'И.А. Белоусов'],
      ]),
      { recipient },
    ).fields;
    expect(f.subject).toBe('Об организации дорожного движения вблизи общеобразовательной школы № 9');
  });

  it('reads a subject set in capitals, its one-letter preposition at a line end and its centred second line', () => {
    const subject = (rows: Array<[number, number, string]>): string | null =>
      extractLetter(
        page([
          [300, 200, 'Общество с ограниченной ответственностью «Вектор»'],
          [300, 300, 'Исх. № 12 от 05.03.2026'],
          ...rows,
          [880, 700, 'Добрый день, Михаил Николаевич!'],
          [472, 780, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году и сообщить о решении.'],
          [300, 1000, 'Генеральный директор'],
          [1900, 1000, 'А.В. Петров'],
        ]),
        { recipient },
      ).fields.subject;
    expect(subject([[300, 420, 'ОБ ИСПРАВЛЕНИИ РЕЕСТРОВОЙ ОШИБКИ В'], [300, 480, 'СВЕДЕНИЯХ ЕГРН']])).toBe('ОБ ИСПРАВЛЕНИИ РЕЕСТРОВОЙ ОШИБКИ В СВЕДЕНИЯХ ЕГРН');
    expect(subject([[300, 420, 'ПО ВОПРОСУ ОРГАНИЗАЦИИ ВРЕМЕННОГО ДВИЖЕНИЯ ТРАНСПОРТА'], [798, 480, 'ПО УЛИЦЕ']])).toBe('ПО ВОПРОСУ ОРГАНИЗАЦИИ ВРЕМЕННОГО ДВИЖЕНИЯ ТРАНСПОРТА ПО УЛИЦЕ');
    expect(subject([[300, 420, 'КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ НА'], [300, 480, 'ПОСТАВКУ ОБОРУДОВАНИЯ']])).toBe('КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ НА ПОСТАВКУ ОБОРУДОВАНИЯ');
  });

  it('takes the registration line printed at the foot under the signature when the header has none', () => {
    const f = extractLetter(
      page([
        [700, 150, 'Совет депутатов города Северореченска'],
        [1400, 300, 'Главе города Северореченска'],
        [1400, 360, 'М.Н. Киселёву'],
        [300, 460, 'О строительстве'],
        [880, 560, 'Уважаемый Михаил Николаевич!'],
        [472, 640, 'В ответ на Ваше письмо от 11.11.2025 № 01-15/2581 сообщаем, что строительство начнётся весной.'],
        [300, 900, 'Председатель Совета депутатов'],
        [1900, 900, 'О.А. Виноградова'],
        [300, 1000, '11.12.2025 № 03-03/4799'],
      ]),
      { recipient },
    ).fields;
    expect(f.outNumber).toBe('03-03/4799');
    expect(f.outDate).toBe('2025-12-11');
  });

  it('ends the header under the subject when the body follows without a gap, and reads no body sentence «В ходе …» as the addressee', () => {
    const f = extractLetter(
      page([
        [470, 150, 'Муниципальное казённое учреждение «Городское благоустройство»'],
        [300, 260, '20.11.2025 № 694/14'],
        [1400, 260, 'Администрация города Северореченска'],
        [300, 330, 'Об участии в конкурсном отборе проектов'],
        [300, 385, 'инициативного бюджетирования'],
        [300, 440, 'В ходе обследования 14.11.2025 установлено, что на улице Садовой не выполнена обработка'],
        [300, 495, 'проезжей части противогололёдными материалами, что создаёт угрозу безопасности.'],
        [300, 800, 'Директор'],
        [1900, 800, 'А.В. Петров'],
      ]),
      { recipient },
    ).fields;
    expect(f.subject).toBe('Об участии в конкурсном отборе проектов инициативного бюджетирования');
    expect(f.addressee).toBe('Администрация города Северореченска');
  });

  it('ends an unabbreviated sender\'s name at the letterhead lines a scan turned into Latin and digit junk', () => {
    const doc = page(
      [
        [324, 178, 'ГОСУДАРСТВЕННАЯ ЖИЛИЩНАЯ'],
        [1330, 200, 'Начальнику управления'],
        [548, 230, 'ИНСПЕКЦИЯ'],
        [1330, 260, 'жилищно-коммунального хозяйства'],
        [442, 280, 'ПРИРЕЧНОЙ ОБЛАСТИ'],
        [1330, 320, 'Белых М.Г.'],
        [435, 330, 'комом я aerpeprenes, 750m'],
        [536, 380, 'wren ght prineche ое ra'],
        [207, 493, '12.03.2026 № 45/2'],
        [211, 600, 'О содержании общего имущества'],
        [919, 700, 'Уважаемая Марина Геннадьевна!'],
        [333, 780, 'Направляем копию акта проверки для сведения и принятия мер в рамках полномочий органа.'],
      ],
      'ocr',
    );
    for (const l of doc.pages[0]!.lines.slice(6, 8)) {
      l.confidence = 20;
      for (const w of l.words) w.confidence = 45;
    }
    const f = extractLetter(doc, { recipient }).fields;
    expect(f.correspondent).toBe('ГОСУДАРСТВЕННАЯ ЖИЛИЩНАЯ ИНСПЕКЦИЯ ПРИРЕЧНОЙ ОБЛАСТИ');
    expect(f.correspondentType).toBe('government');
  });
});

describe('extractLetter: a subject wrapped on scans', () => {
  const letter = (subject: Array<[number, number, string]>): string | null =>
    extractLetter(
      page(
        [
          [236, 200, 'Общество с ограниченной ответственностью «Вектор плюс»'],
          [236, 260, '173001, г. Северореченск, ул. Ленина, д. 5'],
          [236, 600, 'Исх. № 12-34/567 от 05.03.2026'],
          [1300, 600, 'Главе города Северореченска'],
          [1300, 660, 'М.Н. Киселёву'],
          ...subject,
          [900, 1100, 'Уважаемый Михаил Николаевич!'],
          [354, 1180, 'Просим рассмотреть вопрос о ремонте дороги, письмо от 01.02.2026 № 5 осталось без ответа.'],
          [236, 1400, 'Генеральный директор'],
          [1900, 1400, 'А.В. Петров'],
        ],
        'ocr',
      ),
      { recipient },
    ).fields.subject;

  it('keeps the capitalised last word of a centred heading wrapped onto a short line of its own', () => {
    expect(letter([[425, 800, 'О строительстве фельдшерско-акушерского пункта в посёлке Сосновый'], [1170, 860, 'Бор']])).toBe(
      'О строительстве фельдшерско-акушерского пункта в посёлке Сосновый Бор',
    );
  });

  it('reads a speck after a word that goes on in lower case as no full stop', () => {
    expect(letter([[236, 800, 'О заключении договора аренды земельного.'], [236, 860, 'участка']])).toBe('О заключении договора аренды земельного участка');
  });

  it('drops dashes alone in a row between the words of a heading', () => {
    expect(letter([[236, 800, 'О погашении задолженности по муниципальному - - контракту № 152/26']])).toBe(
      'О погашении задолженности по муниципальному контракту № 152/26',
    );
  });
});

// Letters laid out, spelled and numbered in ways the development corpus does not print (session 7): each case is a
// small hand-made page, and each failed on the extraction before these rules.
import { describe, expect, it } from 'vitest';
import { repairAddress } from './emails.ts';
import { extractLetter } from './extractLetter.ts';
import { findDates } from './text.ts';
import { letterPage as page, type Row } from './testing/letterPage.ts';

const recipient = { name: 'Администрация города Северореченска' };

/** A letter whose header rows are given; the addressee, body and signature are the same ordinary ones. */
function letter(header: Row[], foot: Row[] = [[236, 1500, 'Директор', 1900, 'А.В. Петров']]): ReturnType<typeof extractLetter>['fields'] {
  return extractLetter(
    page([
      ...header,
      [1300, 700, 'Главе города Северореченска'],
      [1300, 760, 'М.Н. Киселёву'],
      [236, 900, 'О ремонте дороги'],
      [354, 1060, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году.'],
      ...foot,
    ]),
    { recipient },
  ).fields;
}

describe('dates and registration numbers spelled otherwise', () => {
  it('reads an ISO date, and not inside a registry number', () => {
    expect(findDates('2026-01-27 Исх. N 858/04-26').map((d) => d.iso)).toEqual(['2026-01-27']);
    expect(findDates('№ 7-2-2026/1234')).toEqual([]);
  });

  it('takes the number after «Исх. N», «№ исх.» and a letter code before a slash', () => {
    const a = letter([[236, 200, 'ООО «Вектор»'], [236, 560, '2026-01-27 Исх. N 858/04-26']]);
    expect(a.outNumber).toBe('858/04-26');
    expect(a.outDate).toBe('2026-01-27');
    expect(letter([[236, 200, 'ООО «Вектор»'], [236, 560, '2025-12-29 № исх. 5-9-2025/9111']]).outNumber).toBe('5-9-2025/9111');
    expect(letter([[236, 200, 'ООО «Вектор»'], [236, 560, 'от 21.11.2025г. исх.№ЮР/393-04']]).outNumber).toBe('ЮР/393-04');
  });

  it('does not take «№ 9 по … области» ending a body’s name for the number, and keeps it in the name', () => {
    const f = letter([
      [371, 220, 'Межрайонная инспекция Федеральной'],
      [371, 280, 'налоговой службы'],
      [371, 340, '№ 9 по Приречной области'],
      [354, 560, 'от 09.01.2026г. Наш № 04-18/187'],
    ]);
    expect(f.outNumber).toBe('04-18/187');
    expect(f.outDate).toBe('2026-01-09');
    expect(f.correspondent).toBe('Межрайонная ИФНС России № 9 по Приречной области');
  });
});

describe('letterheads in two columns', () => {
  it('reads the name column before the requisites column beside it', () => {
    const f = letter([
      [236, 160, 'Муниципальное автономное', 1166, '173006, г. Северореченск, ул. Комсомольская, д.'],
      [236, 230, 'общеобразовательное учреждение', 1166, '113, стр. 1'],
      [236, 300, '«Гимназия № 14»', 1166, '8 (8163) 39-46-37'],
      [1166, 370, 'E-mail: priem@school14-sev.ru'],
      [236, 560, 'от 15 декабря 2025 г. исх.№543/02'],
    ]);
    expect(f.correspondent).toBe('МАОУ «Гимназия № 14»');
    expect(f.correspondentType).toBe('municipal');
  });

  it('splits a name line run into the contacts beside it at the column’s left edge', () => {
    // the first name line ends one letter height before the address column, on the same baseline
    const f = letter([
      [236, 240, 'Закрытое акционерное общество', 236 + 29 * 22 + 2 * 18 + 50, '173069, г. Северореченск, ул. Набережная, д. 20'],
      [236, 300, '«Приречье-Телеком»', 236 + 29 * 22 + 2 * 18 + 50, 'тел/факс 8-8163-63-89-20'],
      [236 + 29 * 22 + 2 * 18 + 50, 360, 'сот. +7 925 066 83 46'],
      [236, 560, 'исх.№07.17-974/од от 13.04.2026г.'],
    ]);
    expect(f.correspondent).toBe('ЗАО «Приречье-Телеком»');
    expect(f.correspondentType).toBe('company');
  });

  it('names a territorial unit of a federal service with its place', () => {
    const f = letter([
      [600, 160, 'ТЕРРИТОРИАЛЬНЫЙ ОТДЕЛ УПРАВЛЕНИЯ ФЕДЕРАЛЬНОЙ СЛУЖБЫ'],
      [600, 220, 'ПО НАДЗОРУ В СФЕРЕ ЗАЩИТЫ ПРАВ ПОТРЕБИТЕЛЕЙ'],
      [600, 280, 'И БЛАГОПОЛУЧИЯ ЧЕЛОВЕКА ПО ПРИРЕЧНОЙ ОБЛАСТИ'],
      [600, 340, 'В СЕВЕРОРЕЧЕНСКОМ РАЙОНЕ'],
      [236, 560, '12.03.2026 № 45/2'],
    ]);
    expect(f.correspondent).toBe('Территориальный отдел Управления Роспотребнадзора по Приречной области в Северореченском районе');
  });
});

describe('subjects that name the document', () => {
  const subjectOf = (line: string): string | null =>
    extractLetter(
      page([
        [236, 200, 'ООО «Вектор»'],
        [236, 560, 'Исх. № 12-34/567 от 05.03.2026'],
        [1300, 700, 'Главе города Северореченска'],
        [236, 900, line],
        [354, 1060, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году.'],
        [236, 1500, 'Директор', 1900, 'А.В. Петров'],
      ]),
      { recipient },
    ).fields.subject;

  it('takes «Запрос информации», «Повторный запрос», «Сопроводительное письмо» before the body', () => {
    expect(subjectOf('Запрос информации')).toBe('Запрос информации');
    expect(subjectOf('Повторный запрос')).toBe('Повторный запрос');
    expect(subjectOf('Сопроводительное письмо')).toBe('Сопроводительное письмо');
    expect(subjectOf('Уведомление')).toBe('Уведомление');
  });

  it('does not take a sentence or an appeal’s title', () => {
    expect(subjectOf('Запрос, направленный ранее, остался без ответа')).toBeNull();
    expect(subjectOf('Заявление')).toBeNull();
  });
});

describe('signatures and executors set otherwise', () => {
  it('reads the name set before the position', () => {
    const f = letter(
      [[236, 200, 'ООО «Вектор»'], [236, 560, 'Исх. № 12-34/567 от 05.03.2026']],
      [
        [236, 1500, 'С уважением,'],
        [236, 1600, 'Соколов В.И.'],
        [236, 1660, 'Генеральный директор'],
        [236, 1720, 'ООО «Вектор»'],
      ],
    );
    expect(f.signer).toBe('Соколов В.И.');
    expect(f.signerPosition).toBe('Генеральный директор ООО «Вектор»');
  });

  it('reads an executor and a phone written «Name / phone», a local number too', () => {
    const f = letter(
      [[236, 200, 'ООО «Вектор»'], [236, 560, 'Исх. № 12-34/567 от 05.03.2026']],
      [
        [236, 1500, 'Директор', 1900, 'А.В. Петров'],
        [236, 1700, 'Яковлев М.О. / 6-98-07'],
      ],
    );
    expect(f.executorName).toBe('Яковлев М.О.');
    expect(f.phones).toEqual(['6-98-07']);
  });
});

describe('e-mail addresses as printed', () => {
  const ev = { labels: new Map<string, number>(), words: ['prioritet', 'severorechensk'] };

  it('keeps a mailbox name and the address’s own domain letters in the local part', () => {
    expect(repairAddress('priem_zarechnyr@zarechny-r.ru', ev)).toBe('priem_zarechnyr@zarechny-r.ru');
    expect(repairAddress('kanc-sevcrb@sev-crb.ru', ev)).toBe('kanc-sevcrb@sev-crb.ru');
  });

  it('leaves an address of a text layer as it is spelled', () => {
    const f = letter([[236, 200, 'ООО «Вектор»'], [236, 260, 'e-mail: sekretar.ms390@ms3.prireche.ru'], [236, 560, 'Исх. № 12-34/567 от 05.03.2026']]);
    expect(f.emails).toEqual(['sekretar.ms390@ms3.prireche.ru']);
  });
});

describe('executors read through scan damage', () => {
  const executorOf = (line: string): string | null =>
    extractLetter(
      page(
        [
          [236, 200, 'ООО «Вектор»'],
          [236, 560, 'Исх. № 12-34/567 от 05.03.2026'],
          [1300, 700, 'Главе города Северореченска'],
          [236, 900, 'О ремонте дороги'],
          [354, 1060, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году.'],
          [236, 1300, 'Директор', 1900, 'А.В. Петров'],
          // a short letter: the executor sits under the signature in the upper half of the page
          [236, 1500, line],
          [236, 1560, 'тел 8 (8163) 58-38-19'],
        ],
        'ocr',
      ),
      { recipient },
    ).fields.executorName;

  it('reads a damaged label under a signature set high on the page', () => {
    expect(executorOf('Исполматель Анисимов С А')).toBe('Анисимов С.А.');
  });

  it('restores a surname read with a small capital and an initial О read as zero', () => {
    expect(executorOf('Исп бондаренко Е.В.')).toBe('Бондаренко Е.В.');
    expect(executorOf('Исполнитель Морозова М.0.')).toBe('Морозова М.О.');
  });
});

describe('the sender under a name-first signature', () => {
  it('does not take the position under the name for the organisation when the letterhead is unreadable', () => {
    const f = extractLetter(
      page(
        [
          [331, 193, 'Апминистрация'],
          [326, 242, 'Заречного у пального района'],
          [320, 442, '14.01.2026г. исх.№1929'],
          [1320, 531, 'Главе города Северореченска'],
          [317, 692, 'Предложение о сотрудничестве'],
          [354, 900, 'Просим рассмотреть вопрос о ремонте дороги по улице Садовой в текущем году.'],
          [236, 1300, 'Осипов А.П.'],
          [236, 1360, 'Глава района'],
        ],
        'ocr',
      ),
      { recipient },
    ).fields;
    expect(f.signer).toBe('Осипов А.П.');
    expect(f.signerPosition).toBe('Глава района');
    expect(f.correspondent).toBeNull();
  });
});

describe('header rows a scan runs together or punctuates', () => {
  it('reads «На Ваш: №» as the reply reference, not as the letter’s own number', () => {
    const f = letter([
      [236, 200, 'ООО «Вектор»'],
      [290, 560, '10 ноября 2025 года Исх. № ГД, 371-07'],
      [281, 620, 'На Ваш: № 06-04/4999 от 28.10.2025'],
    ]);
    expect(f.inReplyTo).toEqual({ number: '06-04/4999', date: '2025-10-28' });
    expect(f.outNumber).toBeNull();
  });
});

describe('the addressee block running below the subject', () => {
  it('does not take the addressee’s dative name for the signer', () => {
    const f = extractLetter(
      page([
        [700, 160, 'АРБИТРАЖНЫЙ СУД ПРИРЕЧНОЙ ОБЛАСТИ'],
        [236, 420, 'от 2025-11-25 № 9-3948/2025', 1500, 'Первому заместителю главы'],
        [236, 480, 'О направлении копий документов', 1500, 'администрации города'],
        [1500, 540, 'Северореченска'],
        [1500, 600, 'В.В. Кузьмину'],
        [354, 700, 'В производстве суда находится гражданское дело по исковому заявлению к администрации города.'],
        [236, 1300, 'Судья', 1900, 'М.И. Колесникова'],
      ]),
      { recipient },
    ).fields;
    expect(f.signer).toBe('М.И. Колесникова');
    expect(f.signerPosition).toBe('Судья');
  });

  it('shortens a specialised developer’s name set in capitals with Й read as И', async () => {
    const { shortenLegalName } = await import('./org.ts');
    expect(shortenLegalName('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «СПЕЦИАЛИЗИРОВАННЫЙ ЗАСТРОИЩИК «НОВЫИ КВАРТАЛ»»')).toBe('ООО СЗ «НОВЫИ КВАРТАЛ»');
  });
});

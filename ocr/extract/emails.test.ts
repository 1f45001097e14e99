import { describe, expect, it } from 'vitest';
import { addressEvidence, repairAddress, transliterations } from './emails.ts';
import { mendAddresses } from './requisites.ts';

// Lines and addresses as tesseract read them from 150-dpi scans of generated letters.
const repaired = (lines: string[], address: string): string => repairAddress(address, addressEvidence(lines, [address]));

describe('e-mail repair', () => {
  it('transliterates the way Russian domains are spelled', () => {
    expect(transliterations('Плюс')).toContain('plyus');
    expect(transliterations('Стройресурс')).toEqual(expect.arrayContaining(['stroyresurs', 'stroiresurs']));
    expect(transliterations('Наружная')).toContain('naruzhnaya');
  });

  it('mends generic mailbox names one edit away', () => {
    expect(repaired([], 'mal@minzdrav.prireche.gov.ru')).toBe('mail@minzdrav.prireche.gov.ru');
    expect(repaired([], 'nfo@dorstroy.ru')).toBe('info@dorstroy.ru');
    expect(repaired([], 'iinfo@remstroy.ru')).toBe('info@remstroy.ru');
    expect(repaired([], '-mail@yakovlev.ru')).toBe('mail@yakovlev.ru');
    expect(repaired([], 'ofice@school14-sev.ru')).toBe('office@school14-sev.ru');
    expect(repaired([], 'hanc@bogdanov.ru')).toBe('kanc@bogdanov.ru');
    expect(repaired([], 'nikitinal989@yandex.ru')).toBe('nikitina1989@yandex.ru');
    // a public mail service under a zone it does not use
    expect(repaired([], 'pavel.maslov@mail.ro')).toBe('pavel.maslov@mail.ru');
    expect(repaired([], 'ivanova@yandex.kz')).toBe('ivanova@yandex.kz');
    // a personal mailbox is not a misread generic one
    expect(repaired([], 'ivanov@mail.ru')).toBe('ivanov@mail.ru');
  });

  it('repairs a domain label towards a word of the letter, one OCR edit away', () => {
    expect(repaired(['ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ ЯКОВЛЕВ АНДРЕЙ'], 'mail@yakoviev.ru')).toBe('mail@yakovlev.ru');
    expect(repaired(['МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ', 'ПРИРЕЧНОИ ОБЛАСТИ'], 'mail@minzdrav.prreche.gov.ru')).toBe('mail@minzdrav.prireche.gov.ru');
    expect(repaired(['ООО «Наружная реклама»'], 'office@naruzhmaya-reklama.ru')).toBe('office@naruzhnaya-reklama.ru');
    // a misread last letter keeps the stem a word begins with, but one edit spells the whole word
    expect(repaired(['ООО «Наружная реклама»'], 'office@naruzhnaye-reklame.ru')).toBe('office@naruzhnaya-reklama.ru');
    // a label the letter prints as a stem stays a stem
    expect(repaired(['ООО «Уютный дом»'], 'kanc@uyutny-dom.ru')).toBe('kanc@uyutny-dom.ru');
    // two letters read as one: `ri` as `n`
    expect(repaired(['МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ', 'ПРИРЕЧНОИ ОБЛАСТИ'], 'mail@minzdrav.pnreche.gov.ru')).toBe('mail@minzdrav.prireche.gov.ru');
    expect(repaired(['МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ', 'ПРИРЕЧНОИ ОБЛАСТИ'], 'mail@minzdrav.prireche.gov.ru')).toBe('mail@minzdrav.prireche.gov.ru');
    expect(repaired(['АО «Дорстрой»'], '_infu@dorsiroy.ru')).toBe('info@dorstroy.ru');
    expect(repaired(['Исполнитель Журавлёв А.П.'], 'zhuraviev.a@sovet-sev.ru')).toBe('zhuravlev.a@sovet-sev.ru');
    // an initial glued to the surname is a mailbox of its own, not a stray letter
    expect(repaired(['Сергеева Татьяна Ивановна'], 'tsergeeva@mail.ru')).toBe('tsergeeva@mail.ru');
  });

  it('mends an address whose dots became spaces or vanished, and `l` read as `!`', () => {
    expect(mendAddresses('эл. noua: mai!@minzdrav.prireche.gov.ru')).toBe('эл. noua: mail@minzdrav.prireche.gov.ru');
    expect(mendAddresses('эл, почта: shiryaeva@mailru')).toBe('эл, почта: shiryaeva@mail.ru');
    expect(mendAddresses('e-mail: sidorova6 3@yandex.ru')).toBe('e-mail: sidorova63@yandex.ru');
    expect(mendAddresses('кв. 6 3@yandex.ru')).toBe('кв. 6 3@yandex.ru');
    expect(mendAddresses('e-mail: infeS3@sfr gov ru')).toBe('e-mail: infeS3@sfr.gov.ru');
    expect(mendAddresses('эл почта office@gp2-sev tu')).toBe('эл почта office@gp2-sev.ru');
    expect(mendAddresses('e-mail: into@savet-sev го. www')).toBe('e-mail: into@savet-sev.ru. www');
    expect(mendAddresses('maksimova y@stroyresurs.ru')).toBe('maksimova.y@stroyresurs.ru');
    expect(mendAddresses('e-mail: zarech@proc53,gov.ru')).toBe('e-mail: zarech@proc53.gov.ru');
    expect(mendAddresses('эл. почта: post@sevgor.prr,sudrf.ru')).toBe('эл. почта: post@sevgor.prr.sudrf.ru');
    expect(mendAddresses('info@zarya.ru,mail@zarya.ru')).toBe('info@zarya.ru,mail@zarya.ru');
    expect(mendAddresses('почта: info@zarya.ru, тел. 22-33-44')).toBe('почта: info@zarya.ru, тел. 22-33-44');
    expect(mendAddresses('e-mail: post t@prireche.arbitr.ru')).toBe('e-mail: post@prireche.arbitr.ru');
    expect(mendAddresses('e-mail: mail 1@lesogorsk-okrug.ru')).toBe('e-mail: mail@lesogorsk-okrug.ru');
    // a domain that has its dot keeps the word after it
    expect(mendAddresses('info@vector.ru ту')).toBe('info@vector.ru ту');
  });

  it('mends a numbered generic mailbox and prefers a reading the letter prints whole', () => {
    expect(repaired([], 'infes3@sfr.gov.ru')).toBe('info53@sfr.gov.ru');
    expect(repaired([], 'zarech@procs3.gov.ru')).toBe('zarech@proc53.gov.ru');
    expect(repaired([], 'info@schools-sev.ru')).toBe('info@schools-sev.ru');
    expect(repaired([], 'ivanova63@yandex.ru')).toBe('ivanova63@yandex.ru');
    // `savet`: «Совет» prints sovet whole, «Северореченска» only begins like sevet
    expect(repaired(['СОВЕТ ДЕПУТАТОВ ГОРОДА СЕВЕРОРЕЧЕНСКА'], 'info@savet-sev.ru')).toBe('info@sovet-sev.ru');
  });

  it('repairs a domain towards the same domain printed elsewhere in the letter', () => {
    const lines = ['e-mail: mail@media-plyus.ru, www.media-plyus.ru', 'matveev.a@media-ptyus.ru'];
    const ev = addressEvidence(lines, ['mail@media-plyus.ru', 'matveev.a@media-ptyus.ru']);
    expect(repairAddress('matveev.a@media-ptyus.ru', ev)).toBe('matveev.a@media-plyus.ru');
  });

  it('leaves a label alone without evidence, or when the only nearby word differs by a spelling, not a misreading', () => {
    expect(repaired([], 'info@moramy.ru')).toBe('info@moramy.ru');
    // «СТРОИРЕСУРС» (Й read as И) transliterates to stroiresurs; y for i is no OCR confusion of Latin print
    expect(repaired(['ООО «СТРОИРЕСУРС»'], 'priem@stroyresurs.ru')).toBe('priem@stroyresurs.ru');
    // a short label is an abbreviation, not a misread word of the letter (prr, not prir from «Приречного»)
    expect(repaired(['Приречного областного суда'], 'secretary@sevgor.prr.sudrf.ru')).toBe('secretary@sevgor.prr.sudrf.ru');
    expect(repaired(['МБУ «Благоустройство Северореченска»'], 'secretary@biag-sev.ru')).toBe('secretary@blag-sev.ru');
    // two readings of one domain, nothing to choose between them
    const ev = addressEvidence([], ['a@minzdrav.priveche.gov.ru', 'b@minzdrav.prireche.gov.ru']);
    expect(repairAddress('a@minzdrav.priveche.gov.ru', ev)).toBe('a@minzdrav.priveche.gov.ru');
  });
});

describe('e-mail addresses of the session-7 letters', () => {
  it('reads `s` and one digit ending a label as a region code only after a word', () => {
    expect(repaired([], 'zarech@procs3.gov.ru')).toBe('zarech@proc53.gov.ru');
    expect(repaired([], 'priem@tds21.ru')).toBe('priem@tds21.ru');
    expect(repaired([], 'sekretar.ms390@ms3.prireche.ru')).toBe('sekretar.ms390@ms3.prireche.ru');
  });

  it('mends a generic mailbox name opening a longer local part, by a letter of the same length', () => {
    expect(repaired([], 'driem_mineconom@mineconom.prireche.gov.ru')).toBe('priem_mineconom@mineconom.prireche.gov.ru');
    expect(repaired([], 'smirnova_anna@mail.ru')).toBe('smirnova_anna@mail.ru');
  });

  it('joins a mailbox name read apart before its underscore', () => {
    expect(mendAddresses('Эл. почта: office _novyikvart90@bk.ru')).toBe('Эл. почта: office_novyikvart90@bk.ru');
    expect(mendAddresses('тел. 55-12-34, e-mail: info@vector.ru')).toBe('тел. 55-12-34, e-mail: info@vector.ru');
  });
});

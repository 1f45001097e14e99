import { describe, expect, it } from 'vitest';
import { validInn, validKpp, validOgrn } from './ids.ts';
import { genitiveToNominative } from './names.ts';
import { correspondentType, shortenLegalName } from './org.ts';
import { cleanLine, findDates, repairAddressText, repairInitials } from './text.ts';
import { mendNumberText } from './requisites.ts';

describe('check digits', () => {
  it('accepts valid and rejects damaged identifiers', () => {
    expect(validInn('5321000040')).toBe(true);
    expect(validInn('5321000041')).toBe(false);
    expect(validInn('500100732259')).toBe(true); // 12-digit INN of a person
    expect(validInn('500100732258')).toBe(false);
    expect(validOgrn('1025300000010')).toBe(true);
    expect(validOgrn('1025300000011')).toBe(false);
    expect(validOgrn('304500116000157')).toBe(true); // OGRNIP
    expect(validKpp('532101001')).toBe(true);
    expect(validKpp('53210100')).toBe(false);
  });
});

describe('dates', () => {
  it('reads every common Russian date format', () => {
    const iso = (s: string): string[] => findDates(s).map((d) => d.iso);
    expect(iso('от 05.03.2026 № 1')).toEqual(['2026-03-05']);
    expect(iso('5 марта 2026 г.')).toEqual(['2026-03-05']);
    expect(iso('«05» марта 2026 г.')).toEqual(['2026-03-05']);
    expect(iso('05.03.26')).toEqual(['2026-03-05']);
    expect(iso('31.02.2026 и 12-34/567')).toEqual([]);
  });

  it('reads a month whose worn «1» came back as «4» or «7», with a four-digit year only', () => {
    const iso = (s: string): string[] => findDates(s).map((d) => d.iso);
    expect(iso('01.42.2025 № 2914')).toEqual(['2025-12-01']);
    expect(iso('15.70.2025')).toEqual(['2025-10-15']);
    expect(iso('15.43.2025')).toEqual([]);
    expect(iso('15.42.25')).toEqual([]);
  });

  it('reads look-alike letters in a quoted day before a month', () => {
    const iso = (s: string): string[] => findDates(s).map((d) => d.iso);
    expect(iso('«Ol» декабря 2025 г.')).toEqual(['2025-12-01']);
    expect(iso('«ll» мая 2026 г.')).toEqual(['2026-05-11']);
    expect(iso('«OD» марта 2026 г.')).toEqual([]);
    expect(findDates('Дата: «Ol» декабря 2025 г.')[0]).toMatchObject({ index: 6, length: 20 });
  });
});

describe('OCR look-alikes', () => {
  it('restores the number sign and Cyrillic letters', () => {
    expect(cleanLine('Исх. Ne 12-34/567')).toBe('Исх. № 12-34/567');
    expect(cleanLine('9 января 2026 г. Nv 05-27/2690')).toBe('9 января 2026 г. № 05-27/2690');
    // a stray mark before a lower-case abbreviation at a line's start
    expect(cleanLine("'yn. Калинина, д. 119")).toBe('ул. Калинина, д. 119');
    // a heading's «По» and an e-mail's «Тема:» read in Latin look-alikes; «No» before a number stays the sign
    expect(cleanLine('No вопросу начисления платы')).toBe('По вопросу начисления платы');
    expect(cleanLine('Mo поводу ремонта')).toBe('По поводу ремонта');
    expect(cleanLine('Tema:')).toBe('Тема:');
    expect(cleanLine('No 12 от 05.03.2026')).toBe('№ 12 от 05.03.2026');
    expect(cleanLine('Миронов Михаил Евгеньевич, ten 8-81668-7-79-79')).toBe('Миронов Михаил Евгеньевич, тел 8-81668-7-79-79');
    expect(cleanLine('теп. +7 (8163) 55-12-34')).toBe('тел. +7 (8163) 55-12-34');
    expect(cleanLine('ten years')).toBe('ten years');
    expect(cleanLine('Гeнеральный директор OOO «Вектор»')).toBe('Генеральный директор ООО «Вектор»');
    expect(cleanLine('Копии на 6 JI. B 1 экз.')).toBe('Копии на 6 Л. В 1 экз.');
  });

  it('restores the subject\'s opening «О»/«Об» read as «С», «0$» or behind a bracket, and leaves a real «С» alone', () => {
    expect(cleanLine('С ремонте здания школы')).toBe('О ремонте здания школы');
    expect(cleanLine('С предоставлении информации')).toBe('О предоставлении информации');
    expect(cleanLine('0$ оплате выполненных работ')).toBe('Об оплате выполненных работ');
    expect(cleanLine('Of уборке снега и наледи')).toBe('Об уборке снега и наледи');
    expect(cleanLine('_____ [О ненадлежащем содержании дорог')).toBe('О ненадлежащем содержании дорог');
    expect(cleanLine('С уважением')).toBe('С уважением');
    expect(cleanLine('С учетом изложенного просим')).toBe('С учетом изложенного просим');
    expect(cleanLine('С детьми школьного возраста')).toBe('С детьми школьного возраста');
  });
});

describe('OCR look-alikes of short words', () => {
  it('reads «no», «06», «yn.» and a stray quote between Cyrillic words, and leaves real ones alone', () => {
    expect(cleanLine('О запросе разъяснений no извещению № 0153300007726111059')).toBe('О запросе разъяснений по извещению № 0153300007726111059');
    expect(cleanLine('О внесении представления 06 устранении нарушений')).toBe('О внесении представления об устранении нарушений');
    expect(cleanLine('д. Березники, yn. Речная, д. 49')).toBe('д. Березники, ул. Речная, д. 49');
    expect(cleanLine("'города Северореченска Новиковой А.Г.")).toBe('города Северореченска Новиковой А.Г.');
    expect(cleanLine('Начальнику управления образования администрации ‘города')).toBe('Начальнику управления образования администрации города');
    expect(cleanLine('Тел. 8 (8163) 06 12 34')).toBe('Тел. 8 (8163) 06 12 34');
    expect(cleanLine('e-mail: no@reply.ru')).toBe('e-mail: no@reply.ru');
    expect(cleanLine('О погашении задолженности пс муниципальному контракту')).toBe('О погашении задолженности по муниципальному контракту');
    expect(cleanLine('О сведениях пб запросу')).toBe('О сведениях по запросу');
    // at the end of a heading's line, the phrase going on below
    expect(cleanLine('О погашении задолженности пс')).toBe('О погашении задолженности по');
    expect(cleanLine('О погашении задолженности по. муниципальному контракту')).toBe('О погашении задолженности по муниципальному контракту');
    expect(cleanLine('с. Ольховка, ул. Центральная')).toBe('с. Ольховка, ул. Центральная');
  });

  it('restores the dots of initials before a surname', () => {
    expect(repairInitials('Главе города Северореченска МН. Киселёву')).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(repairInitials('Главе города Северореченска М.Н, Киселёву')).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(repairInitials('по вопросам городского хозяйства Мироновой М.П')).toBe('по вопросам городского хозяйства Мироновой М.П.');
    expect(repairInitials('Главе города Северореченска М.Н. Киселёву')).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(repairInitials('Главе города Северореченска М,Н. Киселёву')).toBe('Главе города Северореченска М.Н. Киселёву');
  });
});

describe('numbers and addresses through OCR damage', () => {
  it('mends the digit groups of a registration number after its sign', () => {
    expect(mendNumberText('от 8 декабря 2025 г. № 0S-27/1057')).toBe('от 8 декабря 2025 г. № 05-27/1057');
    expect(mendNumberText('На № 01-15;3123 от 17.11.2025')).toBe('На № 01-15/3123 от 17.11.2025');
    expect(mendNumberText('Ha № 05-12:2043 от 01.12,2025')).toBe('Ha № 05-12/2043 от 01.12,2025');
    expect(mendNumberText('На Ваш № 07-21,2634 от 14.11.2025')).toBe('На Ваш № 07-21/2634 от 14.11.2025');
    expect(mendNumberText('№ 12-01, 2634')).toBe('№ 12-01, 2634');
    // letters that belong to the number, and a time of day outside a number, stay
    expect(mendNumberText('№ ИС-1234 от 05.03.2026')).toBe('№ ИС-1234 от 05.03.2026');
    expect(mendNumberText('№ 2а-1419/2025')).toBe('№ 2а-1419/2025');
    expect(mendNumberText('18.12.2025 23:24')).toBe('18.12.2025 23:24');
  });

  it('mends postal-address abbreviations', () => {
    expect(repairAddressText('173007, г. Северореченск, ул. Ленина, д. 1, KB. 55')).toBe('173007, г. Северореченск, ул. Ленина, д. 1, кв. 55');
    expect(repairAddressText('г. Северореченск, ул. Кирова, д, 53, кв. 222')).toBe('г. Северореченск, ул. Кирова, д. 53, кв. 222');
    expect(repairAddressText('173040, г, Северореченск, ул, Строителей, д. 100')).toBe('173040, г. Северореченск, ул. Строителей, д. 100');
    expect(repairAddressText('ул. Строителей, д. 118, кв..9')).toBe('ул. Строителей, д. 118, кв. 9');
    expect(repairAddressText('с. Ольховка, ул. Центральная, д. 21')).toBe('с. Ольховка, ул. Центральная, д. 21');
  });
});

describe('names', () => {
  it('turns a genitive full name into the nominative', () => {
    expect(genitiveToNominative('Журавлёва Олега Алексеевича')).toBe('Журавлёв Олег Алексеевич');
    expect(genitiveToNominative('Ивановой Марии Петровны')).toBe('Иванова Мария Петровна');
    expect(genitiveToNominative('Рябова Игоря Андреевича')).toBe('Рябов Игорь Андреевич');
    expect(genitiveToNominative('Ткаченко Ольги Сергеевны')).toBe('Ткаченко Ольга Сергеевна');
    expect(genitiveToNominative('Островского Андрея Ильича')).toBe('Островский Андрей Ильич');
  });
});

describe('organisations', () => {
  it('shortens legal forms and types senders', () => {
    expect(shortenLegalName('Акционерное общество «Дорстрой»')).toBe('АО «Дорстрой»');
    expect(shortenLegalName('Индивидуальный предприниматель Петров Андрей Викторович')).toBe('ИП Петров А.В.');
    expect(shortenLegalName('Прокуратура города')).toBeNull();
    expect(correspondentType('ООО «Вектор»')).toBe('company');
    expect(correspondentType('Администрация сельского поселения Ольховское')).toBe('municipal');
    expect(correspondentType('Прокуратура Заречного района')).toBe('government');
  });

  it('shortens the full names of federal services\' territorial bodies to their official short names', async () => {
    const { shortenAgencyName } = await import('./org.ts');
    expect(shortenAgencyName('Росреестр Управление Федеральной службы государственной регистрации, кадастра и картографии по Тверской области')).toBe('Управление Росреестра по Тверской области');
    expect(shortenAgencyName('УПРАВЛЕНИЕ ФЕДЕРАЛЬНОЙ СЛУЖБЫ ПО НАДЗОРУ В СФЕРЕ ЗАЩИТЫ ПРАВ ПОТРЕБИТЕЛЕЙ И БЛАГОПОЛУЧИЯ ЧЕЛОВЕКА ПО ТВЕРСКОЙ ОБЛАСТИ')).toBe('Управление Роспотребнадзора по Тверской области');
    expect(shortenAgencyName('Отделение Фонда пенсионного и социального страхования Российской Федерации по Республике Карелия')).toBe('ОСФР по Республике Карелия');
    expect(shortenAgencyName('ОТДЕЛЕНИЕ ФОНДА ПЕНСИОННОГО И СОЦИАЛЬНОГО СТРАХОВАНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ ПО ТВЕРСКОЙ ОБЛАСТИ')).toBe('ОСФР по Тверской области');
    expect(shortenAgencyName('Межрайонная инспекция Федеральной налоговой службы № 9 по Новгородской области')).toBe('Межрайонная ИФНС России № 9 по Новгородской области');
    // without its region the name is not shortened
    expect(shortenAgencyName('Управление Федеральной службы судебных приставов')).toBeNull();
  });

  it('knows legal forms beyond firms and municipal schools, and the longest form printed wins', () => {
    expect(shortenLegalName('Федеральное государственное бюджетное учреждение «Центр агрохимической службы»')).toBe('ФГБУ «Центр агрохимической службы»');
    expect(shortenLegalName('Товарищество собственников недвижимости «Мира, 7»')).toBe('ТСН «Мира, 7»');
    expect(shortenLegalName('Садоводческое некоммерческое товарищество «Рассвет»')).toBe('СНТ «Рассвет»');
    expect(shortenLegalName('Некоммерческая организация «Фонд развития моногородов»')).toBe('НКО «Фонд развития моногородов»');
    expect(shortenLegalName('Автономная некоммерческая организация «Мой бизнес»')).toBe('АНО «Мой бизнес»');
    expect(correspondentType('Благотворительный фонд «Добрые руки»')).toBe('company');
    expect(correspondentType('СНТ «Рассвет»')).toBe('company');
    expect(correspondentType('ФКУ «Упрдор «Россия»')).toBe('government');
    // a state fund is not a charity
    expect(correspondentType('Отделение Фонда пенсионного и социального страхования Российской Федерации')).toBe('government');
  });
});

describe('staff names', () => {
  it('repairs OCR damage in the surname of a known addressee only', async () => {
    const { correctStaffNames } = await import('./staffNames.ts');
    const staff = ['Киселёв', 'Миронова'];
    expect(correctStaffNames('Главе города Kucenesy М.Н.', staff)).toBe('Главе города Киселёву М.Н.');
    expect(correctStaffNames('М.П. Мироноеой', staff)).toBe('М.П. Мироновой');
    expect(correctStaffNames('Главе города Северореченска М.Н. Kucenésy', staff)).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(correctStaffNames('Главе города Северореченска Петрову', staff)).toBe('Главе города Северореченска Петрову');
    // as near to two case forms of one surname: the addressee's dative
    expect(correctStaffNames('Первому заместителю В.В. Кузьминх', ['Кузьмин'])).toBe('Первому заместителю В.В. Кузьмину');
  });

  it('reads initials a scan turned into digits or small letters, only as a staff member’s of that surname', async () => {
    const { correctStaffInitials } = await import('./staffNames.ts');
    const staff = ['Кузьмин В.В.', 'Петров М.Н.'];
    expect(correctStaffInitials('Первому заместителю 8.8. Кузьмину', staff)).toBe('Первому заместителю В.В. Кузьмину');
    expect(correctStaffInitials('Главе города мн. Петрову', staff)).toBe('Главе города М.Н. Петрову');
    // other initials, or a surname nobody on the staff has, stay as printed
    expect(correctStaffInitials('Главе города ав. Петрову', staff)).toBe('Главе города ав. Петрову');
    expect(correctStaffInitials('в доме 8.8. Сидорову', staff)).toBe('в доме 8.8. Сидорову');
  });

  it('repairs a staff member\'s initials one confusable capital away, only for a surname on the staff list', async () => {
    const { correctStaffInitials } = await import('./staffNames.ts');
    const staff = ['Киселёв М.Н.', 'Миронова М.П.', 'Новиков Н.В.', 'Новикова А.Г.'];
    expect(correctStaffInitials('Главе города Северореченска М.И. Киселёву', staff)).toBe('Главе города Северореченска М.Н. Киселёву');
    expect(correctStaffInitials('Заместителю главы Мироновой М.П', staff)).toBe('Заместителю главы Мироновой М.П');
    expect(correctStaffInitials('Заместителю главы Мироновой М.Л.', staff)).toBe('Заместителю главы Мироновой М.П.');
    // initials that are not a look-alike, or a surname nobody on the staff has, stay as printed
    expect(correctStaffInitials('Главе города А.В. Киселёву', staff)).toBe('Главе города А.В. Киселёву');
    expect(correctStaffInitials('Директору М.И. Петрову', staff)).toBe('Директору М.И. Петрову');
    expect(correctStaffInitials('Начальнику управления Новиковой А.Г.', staff)).toBe('Начальнику управления Новиковой А.Г.');
  });

  it('repairs the words of the organisation’s own titles, not other words or other cases of them', async () => {
    const { correctOwnWords } = await import('./staffNames.ts');
    const titles = ['Администрация города Северореченска', 'Глава города Северореченска', 'Заместитель главы администрации города по социальным вопросам', 'Управление архитектуры и градостроительства'];
    expect(correctOwnWords('Заместителю главы администрации горсда пс социальным вопросам', titles)).toBe('Заместителю главы администрации города по социальным вопросам');
    expect(correctOwnWords('Главе города Северсреченска', titles)).toBe('Главе города Северореченска');
    expect(correctOwnWords('города No социальным', titles)).toBe('города по социальным');
    // another case of a title word, and words that are not in the titles at all, stay as printed
    expect(correctOwnWords('главному архитектору города', titles)).toBe('главному архитектору города');
    expect(correctOwnWords('Главе администрации', titles)).toBe('Главе администрации');
    // a word split by a gap the scan opened inside it, when only the whole is a title word
    expect(correctOwnWords('Заместителю главы администрации гор ода по социальным вопросам', titles)).toBe('Заместителю главы администрации города по социальным вопросам');
    expect(correctOwnWords('города по социальным', titles)).toBe('города по социальным');
  });
});

// Realistic synthetic registration cards of a municipal administration, for the benchmark (bench/search.ts) and
// nothing else: Russian correspondence subjects, inflected words, citizens and organisations, numbers and INNs.
// Deterministic for a given seed so that runs are comparable.
import type { CardKind, SearchDocument } from '../types.ts';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = ['Ленина', 'Советская', 'Мира', 'Школьная', 'Садовая', 'Лесная', 'Молодёжная', 'Заречная', 'Набережная', 'Пушкина', 'Гагарина', 'Кирова', 'Октябрьская', 'Победы', 'Строителей', 'Первомайская', 'Новая', 'Полевая', 'Центральная', 'Берёзовая', 'Комсомольская', 'Луговая', 'Рабочая', 'Чкалова', 'Фрунзе', 'Энгельса', 'Горького', 'Трудовая', 'Степная', 'Весенняя'];
// [nominative, genitive] so that «гражданина Петрова» and «Петров Иван» both occur, as in real cards.
const SURNAMES: [string, string][] = [
  ['Иванов', 'Иванова'], ['Смирнов', 'Смирнова'], ['Кузнецов', 'Кузнецова'], ['Попов', 'Попова'], ['Васильев', 'Васильева'],
  ['Петров', 'Петрова'], ['Соколов', 'Соколова'], ['Михайлов', 'Михайлова'], ['Новиков', 'Новикова'], ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'], ['Волков', 'Волкова'], ['Алексеев', 'Алексеева'], ['Лебедев', 'Лебедева'], ['Семёнов', 'Семёнова'],
  ['Егоров', 'Егорова'], ['Павлов', 'Павлова'], ['Козлов', 'Козлова'], ['Степанов', 'Степанова'], ['Николаев', 'Николаева'],
  ['Орлов', 'Орлова'], ['Андреев', 'Андреева'], ['Макаров', 'Макарова'], ['Никитин', 'Никитина'], ['Захаров', 'Захарова'],
  ['Зайцев', 'Зайцева'], ['Соловьёв', 'Соловьёва'], ['Борисов', 'Борисова'], ['Яковлев', 'Яковлева'], ['Григорьев', 'Григорьева'],
  ['Романов', 'Романова'], ['Воробьёв', 'Воробьёва'], ['Сергеев', 'Сергеева'], ['Кузьмин', 'Кузьмина'], ['Фролов', 'Фролова'],
  ['Александров', 'Александрова'], ['Дмитриев', 'Дмитриева'], ['Королёв', 'Королёва'], ['Гусев', 'Гусева'], ['Киселёв', 'Киселёва'],
  ['Ильин', 'Ильина'], ['Максимов', 'Максимова'], ['Поляков', 'Полякова'], ['Сорокин', 'Сорокина'], ['Виноградов', 'Виноградова'],
  ['Ковалёв', 'Ковалёва'], ['Белов', 'Белова'], ['Медведев', 'Медведева'], ['Антонов', 'Антонова'], ['Тарасов', 'Тарасова'],
  ['Жуков', 'Жукова'], ['Баранов', 'Баранова'], ['Филиппов', 'Филиппова'], ['Комаров', 'Комарова'], ['Давыдов', 'Давыдова'],
  ['Беляев', 'Беляева'], ['Герасимов', 'Герасимова'], ['Богданов', 'Богданова'], ['Осипов', 'Осипова'], ['Сидоров', 'Сидорова'],
  ['Матвеев', 'Матвеева'], ['Титов', 'Титова'], ['Марков', 'Маркова'], ['Миронов', 'Миронова'], ['Крылов', 'Крылова'],
  ['Куликов', 'Куликова'], ['Карпов', 'Карпова'], ['Власов', 'Власова'], ['Мельников', 'Мельникова'], ['Денисов', 'Денисова'],
];
const FIRST_NAMES = ['Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Иван', 'Михаил', 'Николай', 'Владимир', 'Евгений', 'Пётр', 'Юрий'];
const PATRONYMICS = ['Александрович', 'Сергеевич', 'Дмитриевич', 'Андреевич', 'Иванович', 'Петрович', 'Николаевич', 'Владимирович', 'Юрьевич'];
const ORGS = [
  'ООО «Водоканал»', 'МУП «Теплосеть»', 'Прокуратура Заречного района', 'Министерство строительства и жилищно-коммунального хозяйства области',
  'Государственная жилищная инспекция области', 'ПАО «Россети Центр»', 'ООО «Управляющая компания Уют»', 'АО «Газпром газораспределение»',
  'Управление Роспотребнадзора по области', 'Отдел МВД России по Заречному району', 'ГКУ «Центр занятости населения»', 'Контрольно-счётная палата',
  'Совет депутатов городского округа', 'Министерство образования области', 'ГБУЗ «Заречная центральная районная больница»', 'ООО «Дорожник»',
  'АО «Спецавтохозяйство»', 'Фонд капитального ремонта многоквартирных домов', 'Управление Росреестра по области', 'Избирательная комиссия области',
  'ООО «Ромашка»', 'ИП Лебедев Сергей Андреевич', 'СНТ «Берёзка»', 'ТСЖ «Молодёжное»', 'МБОУ «Средняя общеобразовательная школа № 3»',
];
const ISSUES = [
  'ремонта кровли многоквартирного дома', 'вывоза твёрдых коммунальных отходов', 'уличного освещения', 'отлова безнадзорных животных',
  'подключения к централизованному водоснабжению', 'предоставления жилого помещения', 'установки детской площадки', 'ремонта дороги',
  'благоустройства дворовой территории', 'спила аварийных деревьев', 'перерасчёта платы за отопление', 'качества питьевой воды',
  'содержания общего имущества', 'строительства тротуара', 'работы общественного транспорта', 'постановки на учёт многодетной семьи',
  'выделения земельного участка', 'незаконной торговли', 'шума в ночное время', 'подтопления подвала', 'очистки дорог от снега',
  'установки дорожного знака', 'ремонта ливневой канализации', 'переселения из аварийного жилья', 'организации летнего отдыха детей',
];
const SUBJECTS = [
  'О благоустройстве дворовой территории по ул. {street}, д. {n}',
  'Обращение гражданина {surnameGen} {initials} по вопросу {issue}',
  'Обращение жителей ул. {street} по вопросу {issue}',
  'О ремонте автомобильной дороги по ул. {street}',
  'О водоснабжении жилого дома № {n} по ул. {street}',
  'Запрос информации о ходе {issue}',
  'О предоставлении субсидии на {purpose}',
  'Протокол заседания комиссии по {commission}',
  'О направлении информации по запросу № {num}',
  'Представление об устранении нарушений законодательства о {law}',
  'О внесении изменений в постановление администрации от {date} № {num}',
  'Жалоба на действия управляющей компании по вопросу {issue}',
  'О проведении публичных слушаний по проекту {project}',
  'Ответ на обращение по вопросу {issue}',
  'О согласовании схемы размещения нестационарных торговых объектов',
  'Заявка на финансирование работ по {works}',
];
const PURPOSES = ['капитальный ремонт общего имущества', 'развитие малого предпринимательства', 'поддержку социально ориентированных организаций', 'возмещение затрат на перевозку пассажиров', 'благоустройство общественных пространств'];
const COMMISSIONS = ['делам несовершеннолетних', 'чрезвычайным ситуациям', 'землепользованию и застройке', 'безопасности дорожного движения', 'жилищным вопросам', 'противодействию коррупции'];
const LAWS = ['муниципальной службе', 'контрактной системе', 'противодействии коррупции', 'порядке рассмотрения обращений граждан', 'санитарно-эпидемиологическом благополучии населения'];
const PROJECTS = ['бюджета городского округа', 'правил благоустройства', 'генерального плана', 'правил землепользования и застройки', 'внесения изменений в устав'];
const WORKS = ['ремонту дорог', 'благоустройству парка', 'замене водопроводных сетей', 'ремонту школы', 'устройству освещения', 'сносу аварийного дома'];
const SENTENCES = [
  'Прошу принять меры по {issue} в кратчайшие сроки.',
  'Ранее направленные письма остались без ответа.',
  'В соответствии с Федеральным законом от 02.05.2006 № 59-ФЗ прошу дать письменный ответ.',
  'Жители дома № {n} по ул. {street} неоднократно обращались в управляющую компанию.',
  'Сообщаем, что работы по {works} включены в план на {year} год.',
  'Направляем копию акта обследования для рассмотрения и принятия решения.',
  'Просим представить информацию в срок до {date}.',
  'По результатам проверки выявлены нарушения требований законодательства о {law}.',
  'Финансирование предусмотрено муниципальной программой «Формирование комфортной городской среды».',
  'Прилагаем фотографии, подтверждающие ненадлежащее состояние объекта.',
  'Вопрос {issue} рассмотрен на заседании комиссии по {commission}.',
  'Администрация городского округа сообщает о проведении работ по {works}.',
  'Ответственным исполнителем назначен отдел жилищно-коммунального хозяйства.',
  'Срок исполнения поручения продлён в связи с проведением конкурсных процедур.',
  'Подрядная организация ООО «Дорожник» приступила к работам по ул. {street}.',
  'Заявитель {surname} {initials} просит сообщить о результатах рассмотрения обращения.',
  'Денежные средства в размере {money} рублей перечислены на счёт получателя.',
  'Проект постановления прошёл антикоррупционную экспертизу.',
];
const KINDS: CardKind[] = ['incoming', 'incoming', 'incoming', 'incoming', 'appeal', 'appeal', 'appeal', 'outgoing', 'outgoing', 'internal', 'draft', 'service_application'];
const STATUSES = ['registered', 'in_work', 'in_work', 'executed', 'executed', 'executed', 'filed'];
const PREFIX: Record<CardKind, string> = { incoming: 'Вх', appeal: 'О', outgoing: 'Исх', internal: 'Вн', draft: 'П', service_application: 'З' };

export interface GeneratorContext {
  orgId: string;
  journalIds: Record<CardKind, string>;
  departmentIds: string[];
  staffIds: string[];
  correspondents: { id: string; name: string; inn: string | null }[];
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function innFor(rand: () => number): string {
  return String(1_000_000_000 + Math.floor(rand() * 8_999_999_999));
}

export function makeContext(orgId: string, rand: () => number): GeneratorContext {
  const journalIds = Object.fromEntries(Object.keys(PREFIX).map((k) => [k, uuidFrom(rand)])) as Record<CardKind, string>;
  const departmentIds = Array.from({ length: 25 }, () => uuidFrom(rand));
  const staffIds = Array.from({ length: 400 }, () => uuidFrom(rand));
  const correspondents = [
    ...ORGS.map((name) => ({ id: uuidFrom(rand), name, inn: innFor(rand) })),
    ...Array.from({ length: 3000 }, () => {
      const [surname] = pick(rand, SURNAMES);
      return { id: uuidFrom(rand), name: `${surname} ${pick(rand, FIRST_NAMES)} ${pick(rand, PATRONYMICS)}`, inn: null };
    }),
  ];
  return { orgId, journalIds, departmentIds, staffIds, correspondents };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function isoDate(day: number): string {
  return new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

function fill(template: string, rand: () => number): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'street': return pick(rand, STREETS);
      case 'n': return String(1 + Math.floor(rand() * 120));
      case 'surname': return pick(rand, SURNAMES)[0];
      case 'surnameGen': return pick(rand, SURNAMES)[1];
      case 'initials': return `${pick(rand, FIRST_NAMES)[0]}. ${pick(rand, PATRONYMICS)[0]}.`;
      case 'issue': return pick(rand, ISSUES);
      case 'purpose': return pick(rand, PURPOSES);
      case 'commission': return pick(rand, COMMISSIONS);
      case 'law': return pick(rand, LAWS);
      case 'project': return pick(rand, PROJECTS);
      case 'works': return pick(rand, WORKS);
      case 'num': return `${1 + Math.floor(rand() * 900)}-п`;
      case 'date': return isoDate(Math.floor(rand() * 2500)).split('-').reverse().join('.');
      case 'year': return String(2019 + Math.floor(rand() * 8));
      case 'money': return String(Math.floor(rand() * 5_000_000));
      default: return key;
    }
  });
}

function sentences(rand: () => number, min: number, max: number): string {
  const count = min + Math.floor(rand() * (max - min + 1));
  return Array.from({ length: count }, () => fill(pick(rand, SENTENCES), rand)).join(' ');
}

/** Card number `seq` (0-based) of the generated set; about 7 years of registrations, newest with the highest seq. */
export function generateCard(ctx: GeneratorContext, seq: number, total: number, rand: () => number): SearchDocument {
  const kind = pick(rand, KINDS);
  const day = Math.floor((seq / total) * 2500);
  const regDate = isoDate(day);
  const year = regDate.slice(0, 4);
  const correspondent = kind === 'internal' || kind === 'draft' ? null : pick(rand, ctx.correspondents);
  const status = pick(rand, STATUSES);
  const hasDeadline = rand() < 0.6;
  const deadline = hasDeadline ? isoDate(day + 10 + Math.floor(rand() * 30)) : null;
  const done = status === 'executed' || status === 'filed';
  const restricted = rand() < 0.02;
  const executors = [pick(rand, ctx.staffIds), ...(rand() < 0.3 ? [pick(rand, ctx.staffIds)] : [])];
  return {
    orgId: ctx.orgId,
    id: uuidFrom(rand),
    kind,
    status,
    journalId: ctx.journalIds[kind],
    regNumber: `${PREFIX[kind]}-${seq + 1}/${year}`,
    regDate,
    outNumber: kind === 'incoming' && rand() < 0.8 ? `${1 + Math.floor(rand() * 99)}-${1 + Math.floor(rand() * 9999)}/${year.slice(2)}` : null,
    outDate: null,
    inns: correspondent?.inn ? [correspondent.inn] : [],
    correspondentId: correspondent?.id ?? null,
    correspondentName: correspondent?.name ?? null,
    summary: fill(pick(rand, SUBJECTS), rand),
    body: sentences(rand, 1, 3),
    extractedText: rand() < 0.5 ? sentences(rand, 4, 12) : '',
    departmentIds: [pick(rand, ctx.departmentIds)],
    executorIds: executors,
    controllerIds: rand() < 0.4 ? [pick(rand, ctx.staffIds)] : [],
    onControl: hasDeadline && rand() < 0.5,
    deadline,
    doneAt: done && deadline ? isoDate(day + 5 + Math.floor(rand() * 40)) : null,
    accessMark: restricted ? 'ДСП' : null,
    readerIds: restricted ? [pick(rand, ctx.staffIds)] : [],
    createdAt: `${regDate}T08:00:00Z`,
  };
}

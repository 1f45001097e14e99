// What the demo organisation has been working on: correspondents, more staff, its nomenclature of cases and the
// stories of its documents. Everything here is invented; the companies' INN and OGRN carry valid check digits.
// Days are working days before the organisation's today (0 = today), deadlines working days from today (negative
// = already past), so the demo looks the same whenever it is started. seedDemoContent.ts plays it through the
// system's own commands.
import type { CorrespondentInput } from '../commands/saveCorrespondent.ts';
import type { NomenclatureInput } from '../commands/archive/saveNomenclatureItem.ts';
import type { CardKind } from '../models/Card.ts';
import type { Role } from '../models/User.ts';

export interface DemoCorrespondent extends CorrespondentInput {
  key: string;
}

export const demoCorrespondents: DemoCorrespondent[] = [
  { key: 'rosreestr', type: 'government', name: 'Управление Росреестра по Свердловской области', address: '620062, г. Екатеринбург, ул. Генеральская, д. 6а', email: 'info@r66.rosreestr.example' },
  { key: 'prosecutor', type: 'government', name: 'Прокуратура города Заречного', address: '624250, Свердловская область, г. Заречный, ул. Кузнецова, д. 8', phone: '+7 (34377) 7-12-40' },
  { key: 'fns', type: 'government', name: 'Межрайонная ИФНС России № 29 по Свердловской области', address: '624250, г. Заречный, ул. Ленинградская, д. 17' },
  { key: 'mchs', type: 'government', name: 'Главное управление МЧС России по Свердловской области', address: '620014, г. Екатеринбург, ул. Карла Либкнехта, д. 8' },
  { key: 'minobr', type: 'government', name: 'Министерство образования и молодёжной политики Свердловской области', address: '620075, г. Екатеринбург, ул. Малышева, д. 33' },
  { key: 'minzhkh', type: 'government', name: 'Министерство энергетики и ЖКХ Свердловской области', address: '620031, г. Екатеринбург, пл. Октябрьская, д. 1' },
  { key: 'duma', type: 'municipal', name: 'Дума городского округа Заречный', address: '624250, г. Заречный, ул. Невского, д. 3' },
  { key: 'school3', type: 'municipal', name: 'МАОУ «Средняя общеобразовательная школа № 3»', inn: '6639012346', kpp: '663901001', ogrn: '1026600100009', address: '624251, г. Заречный, ул. Островского, д. 4' },
  { key: 'teplo', type: 'company', name: 'АО «Заречная теплосетевая компания»', inn: '6639025810', kpp: '663901001', ogrn: '1026600107313', address: '624250, г. Заречный, ул. Промышленная, д. 5', email: 'office@zar-teplo.example' },
  { key: 'stroy', type: 'company', name: 'ООО «УралСтройМонтаж»', inn: '6683004175', kpp: '668301001', ogrn: '1026600114628', address: '624000, г. Арамиль, ул. Заводская, д. 12', phone: '+7 (343) 385-11-20' },
  { key: 'gas', type: 'company', name: 'АО «Уралгазсервис»', inn: '6670091251', kpp: '667001001', ogrn: '1026600121932', address: '620026, г. Екатеринбург, ул. Белинского, д. 86' },
  { key: 'clean', type: 'company', name: 'ООО «Чистый город»', inn: '6639007755', kpp: '663901001', ogrn: '1026600136551', address: '624250, г. Заречный, ул. Энергетиков, д. 9', email: 'tko@chistygorod.example' },
  { key: 'uk', type: 'company', name: 'ООО «Управляющая компания «Дом-Сервис»»', inn: '6639033113', kpp: '663901001', ogrn: '1026600158485', address: '624250, г. Заречный, ул. Мира, д. 19' },
  { key: 'gavrilov', type: 'entrepreneur', name: 'ИП Гаврилов Андрей Михайлович', inn: '663900123439', ogrn: '304663913700012', address: '624250, г. Заречный, ул. Кузнецова, д. 11, кв. 40' },
  { key: 'petrova', type: 'citizen', name: 'Петрова Анна Викторовна', address: '624250, г. Заречный, ул. Ленинградская, д. 12, кв. 7', email: 'petrova.av@mail.example' },
  { key: 'sokolov', type: 'citizen', name: 'Соколов Дмитрий Иванович', address: '624250, г. Заречный, ул. Курчатова, д. 5, кв. 31' },
  { key: 'vasilyeva', type: 'citizen', name: 'Васильева Галина Петровна', address: '624250, г. Заречный, ул. Мира, д. 21, кв. 3', phone: '+7 912 600-14-22' },
  { key: 'morozov', type: 'citizen', name: 'Морозов Сергей Александрович', address: '624251, г. Заречный, ул. Алещенкова, д. 2, кв. 58' },
  { key: 'kravchenko', type: 'citizen', name: 'Кравченко Ирина Олеговна', email: 'kravchenko.io@mail.example' },
  { key: 'zakharov', type: 'citizen', name: 'Захаров Николай Петрович', address: '624250, г. Заречный, ул. Победы, д. 30' },
  { key: 'belyaev', type: 'citizen', name: 'Беляев Олег Витальевич', address: '624250, г. Заречный, ул. Свердлова, д. 6, кв. 12' },
  { key: 'egorova', type: 'citizen', name: 'Егорова Людмила Ивановна', address: '624251, г. Заречный, ул. Островского, д. 1, кв. 90' },
];

/** Heads and specialists without accounts: they receive assignments the way most staff of a body do. */
export interface DemoStaff {
  key: string;
  lastName: string;
  firstName: string;
  middleName: string;
  department: string;
  position: string;
}

export const demoStaff: DemoStaff[] = [
  { key: 'gromov', lastName: 'Громов', firstName: 'Павел', middleName: 'Игоревич', department: '03', position: 'Начальник управления жилищно-коммунального хозяйства' },
  { key: 'lebedeva', lastName: 'Лебедева', firstName: 'Анна', middleName: 'Сергеевна', department: '04', position: 'Начальник управления образования' },
  { key: 'frolov', lastName: 'Фролов', firstName: 'Константин', middleName: 'Евгеньевич', department: '05', position: 'Главный архитектор городского округа' },
  { key: 'nikitina', lastName: 'Никитина', firstName: 'Елена', middleName: 'Владимировна', department: '06', position: 'Начальник финансового управления' },
  { key: 'tikhonova', lastName: 'Тихонова', firstName: 'Светлана', middleName: 'Юрьевна', department: '01-2', position: 'Начальник отдела по работе с обращениями граждан' },
  { key: 'zaitsev', lastName: 'Зайцев', firstName: 'Роман', middleName: 'Андреевич', department: '03-1', position: 'Ведущий специалист отдела благоустройства' },
];

/** Last year's nomenclature; the current year's is copied from it, as an archivist does in January. */
export const demoNomenclature: (Omit<NomenclatureInput, 'year' | 'departmentId'> & { department: string })[] = [
  { caseIndex: '01-03', department: '01', title: 'Распоряжения главы городского округа по основной деятельности', retentionKind: 'permanent', listArticle: '19а' },
  { caseIndex: '01-05', department: '01-1', title: 'Переписка с федеральными органами государственной власти и их территориальными органами', retentionKind: 'years', retentionYears: 5, listArticle: '70' },
  { caseIndex: '01-06', department: '01-1', title: 'Переписка с органами государственной власти Свердловской области', retentionKind: 'years', retentionYears: 5, listArticle: '70' },
  { caseIndex: '01-2-01', department: '01-2', title: 'Обращения граждан (предложения, заявления, жалобы) и документы по их рассмотрению', retentionKind: 'years', retentionYears: 5, listArticle: '154' },
  { caseIndex: '02-04', department: '02', title: 'Проекты постановлений и распоряжений и документы по их согласованию', retentionKind: 'years', retentionYears: 5, listArticle: '20' },
  { caseIndex: '03-1-04', department: '03-1', title: 'Переписка по вопросам благоустройства территории городского округа', retentionKind: 'years', retentionYears: 5, listArticle: '70' },
];

/** The text of a document whose file is generated as PDF/A (the archive library's generateDocument). */
export interface DemoFile {
  name: string;
  title: string;
  paragraphs: string[];
}

/** Who does something: a demo user's login, or (as executor or approver) a staff member of demoStaff. */
export type Who = Role | string;

export interface DemoAssignment {
  key?: string;
  executor: Who;
  coExecutors?: Who[];
  text?: string;
  /** working days from today; negative = in the past */
  due: number;
  onControl?: boolean;
}

export type DemoEvent =
  | { type: 'resolution'; day: number; by: Role; text: string; assignments: DemoAssignment[] }
  | { type: 'subassign'; day: number; by: Role; parent: string; text: string; assignments: DemoAssignment[] }
  | { type: 'report'; day: number; by: Role; assignment: string; text: string }
  | { type: 'accept'; day: number; by: Role; assignment: string; comment?: string }
  | { type: 'return'; day: number; by: Role; assignment: string; reason: string }
  | { type: 'appealResult'; day: number; by: Role; result: 'supported' | 'not_supported' | 'explained'; comment: string }
  | { type: 'route'; day: number; by: Role; stages: { approvers: Who[]; deadlineDays: number }[] }
  | { type: 'visa'; day: number; by: Role; decision: 'approved' | 'approved_with_remarks' | 'rejected'; comment?: string }
  | { type: 'file'; day: number; by: Role; caseIndex: string };

export interface DemoCard {
  key: string;
  kind: CardKind;
  /** working days before today it was registered; `null`: left as a draft for the clerk to register */
  day: number | null;
  summary: string;
  correspondent?: string;
  outNumber?: string;
  /** working days before today the sender dated it */
  outDay?: number;
  signer?: string;
  addressee?: Who;
  department?: string;
  deliveryMethod?: string;
  sheets?: number;
  /** the card's own deadline, working days from today (appeals: 30 days, applications: the service's term) */
  due?: number;
  onControl?: boolean;
  fields?: Record<string, unknown>;
  inReplyTo?: string;
  file?: DemoFile;
  events?: DemoEvent[];
}

const GLAVA = 'Глава городского округа А. Н. Сергеев';

export const demoCards: DemoCard[] = [
  // Incoming letters
  {
    key: 'prosecutor', kind: 'incoming', day: 12, correspondent: 'prosecutor', outNumber: '02-08-2024/Прдп118', outDay: 14, signer: 'Прокурор города И. В. Лосев',
    summary: 'Представление об устранении нарушений законодательства о безопасности дорожного движения при содержании улично-дорожной сети',
    addressee: 'manager', deliveryMethod: 'курьер', sheets: 4, due: 9, onControl: true, fields: { responseRequired: true, incomingChannel: 'курьер' },
    file: {
      name: 'Представление прокуратуры.pdf', title: 'Представление об устранении нарушений закона',
      paragraphs: [
        'ПРОКУРАТУРА ГОРОДА ЗАРЕЧНОГО',
        'Главе городского округа Заречный А. Н. Сергееву',
        'ПРЕДСТАВЛЕНИЕ об устранении нарушений законодательства о безопасности дорожного движения',
        'Прокуратурой города проведена проверка исполнения законодательства о безопасности дорожного движения при содержании улично-дорожной сети городского округа. Установлено, что на пешеходных переходах по улицам Ленинградской и Курчатова отсутствует искусственное освещение, горизонтальная дорожная разметка не восстановлена, а дорожные знаки 5.19.1 и 5.19.2 установлены с нарушением ГОСТ Р 52289-2019.',
        'На основании изложенного, руководствуясь статьёй 24 Федерального закона «О прокуратуре Российской Федерации», ТРЕБУЮ: безотлагательно рассмотреть настоящее представление с участием представителя прокуратуры, принять конкретные меры по устранению нарушений и их причин, о результатах рассмотрения сообщить в прокуратуру города в письменной форме в месячный срок.',
        'Прокурор города младший советник юстиции И. В. Лосев',
      ],
    },
    events: [
      { type: 'resolution', day: 11, by: 'manager', text: 'Кузнецовой О. В., Громову П. И.: устранить нарушения, подготовить ответ в прокуратуру. Контроль — за мной.', assignments: [
        { key: 'prosecutor-main', executor: 'executor', coExecutors: ['gromov'], text: 'Устранить нарушения на пешеходных переходах, подготовить проект ответа в прокуратуру', due: -2, onControl: true },
      ] },
      { type: 'subassign', day: 10, by: 'executor', parent: 'prosecutor-main', text: 'Обследовать пешеходные переходы, составить акт и смету восстановления разметки', assignments: [
        { executor: 'zaitsev', due: -4 },
      ] },
    ],
  },
  {
    key: 'stroy', kind: 'incoming', day: 6, correspondent: 'stroy', outNumber: '214', outDay: 8, signer: 'Генеральный директор Р. Ф. Хасанов',
    summary: 'О продлении срока выполнения работ по муниципальному контракту № 17-МК на ремонт дворовых территорий',
    addressee: 'manager', deliveryMethod: 'электронная почта', sheets: 2, due: 4, fields: { responseRequired: true, incomingChannel: 'электронная почта' },
    file: {
      name: 'Письмо УралСтройМонтаж № 214.pdf', title: 'О продлении срока выполнения работ',
      paragraphs: [
        'ООО «УралСтройМонтаж» ИНН 6683004175',
        'Главе городского округа Заречный',
        'О продлении срока выполнения работ по контракту № 17-МК',
        'В связи с задержкой поставки бортового камня и тротуарной плитки заводом-изготовителем просим продлить срок выполнения работ по муниципальному контракту № 17-МК на ремонт дворовых территорий многоквартирных домов по улицам Мира и Островского на 20 календарных дней и заключить дополнительное соглашение к контракту.',
        'Подтверждающие документы поставщика прилагаются на 3 листах.',
        'Генеральный директор Р. Ф. Хасанов',
      ],
    },
    events: [
      { type: 'resolution', day: 5, by: 'manager', text: 'Рассмотреть, подготовить позицию по дополнительному соглашению', assignments: [
        { key: 'stroy-exec', executor: 'executor', text: 'Проверить фактическое выполнение работ, подготовить позицию по продлению срока', due: 1, onControl: true },
        { key: 'stroy-legal', executor: 'lawyer', text: 'Подготовить правовое заключение о допустимости дополнительного соглашения (44-ФЗ, ст. 95)', due: 3 },
      ] },
    ],
  },
  {
    key: 'teplo', kind: 'incoming', day: 9, correspondent: 'teplo', outNumber: 'ЗТК/1187', outDay: 10, signer: 'Главный инженер С. А. Дьяков',
    summary: 'О графике отключения горячего водоснабжения на период гидравлических испытаний тепловых сетей',
    addressee: 'manager', deliveryMethod: 'СЭД/МЭДО', sheets: 3, fields: { incomingChannel: 'СЭД/МЭДО' },
    events: [
      { type: 'resolution', day: 8, by: 'manager', text: 'Громову П. И.: согласовать график, организовать информирование населения', assignments: [
        { executor: 'gromov', due: 6, onControl: true },
      ] },
    ],
  },
  {
    key: 'minobr', kind: 'incoming', day: 20, correspondent: 'minobr', outNumber: '02-01-81/9312', outDay: 22, signer: 'Заместитель министра Т. В. Сидорова',
    summary: 'О подготовке образовательных организаций к новому учебному году и проведении приёмки',
    addressee: 'manager', deliveryMethod: 'СЭД/МЭДО', sheets: 5, due: -5, onControl: true, fields: { responseRequired: true, incomingChannel: 'СЭД/МЭДО' },
    events: [
      { type: 'resolution', day: 19, by: 'manager', text: 'Лебедевой А. С.: представить информацию в министерство', assignments: [
        { executor: 'lebedeva', due: -6, onControl: true },
      ] },
    ],
  },
  {
    key: 'fns', kind: 'incoming', day: 16, correspondent: 'fns', outNumber: '12-07/04415', outDay: 18, signer: 'Начальник инспекции М. Р. Гусев',
    summary: 'О предоставлении сведений о земельных участках, предоставленных в постоянное (бессрочное) пользование',
    addressee: 'manager', deliveryMethod: 'почта', sheets: 2, due: -3, fields: { responseRequired: true, incomingChannel: 'почта' },
    events: [
      { type: 'resolution', day: 15, by: 'manager', text: 'Павлову И. С.: подготовить ответ', assignments: [
        { key: 'fns-answer', executor: 'lawyer', due: -4, onControl: true },
      ] },
      { type: 'report', day: 7, by: 'lawyer', assignment: 'fns-answer', text: 'Сведения подготовлены совместно с отделом архитектуры, ответ направлен (исх. в журнале).' },
      { type: 'accept', day: 6, by: 'manager', assignment: 'fns-answer', comment: 'Снять с контроля' },
      { type: 'file', day: 5, by: 'clerk', caseIndex: '01-05' },
    ],
  },
  {
    key: 'gas', kind: 'incoming', day: 4, correspondent: 'gas', outNumber: 'УГС-3310', outDay: 6, signer: 'Директор филиала В. К. Панов',
    summary: 'Об уведомлении о плановом техническом обслуживании распределительных газопроводов',
    addressee: 'manager', deliveryMethod: 'почта', sheets: 1, fields: { incomingChannel: 'почта' },
    events: [
      { type: 'resolution', day: 3, by: 'manager', text: 'Кузнецовой О. В.: учесть при проведении работ по благоустройству', assignments: [{ executor: 'executor', due: 10 }] },
    ],
  },
  {
    key: 'school3', kind: 'incoming', day: 11, correspondent: 'school3', outNumber: '148', outDay: 12, signer: 'Директор школы Е. А. Малинина',
    summary: 'О выделении средств на ремонт кровли спортивного зала',
    addressee: 'manager', deliveryMethod: 'лично', sheets: 2, due: 10, fields: { responseRequired: true, incomingChannel: 'лично' },
    events: [
      { type: 'resolution', day: 10, by: 'manager', text: 'Рассмотреть возможность финансирования в текущем году', assignments: [
        { executor: 'nikitina', due: 2 },
        { executor: 'lebedeva', due: 7 },
      ] },
    ],
  },
  {
    key: 'duma', kind: 'incoming', day: 1, correspondent: 'duma', outNumber: '01-15/212', outDay: 2, signer: 'Председатель Думы Л. Г. Карпова',
    summary: 'О проекте решения Думы «О внесении изменений в решение о бюджете городского округа»',
    addressee: 'manager', deliveryMethod: 'курьер', sheets: 12, due: 5, fields: { responseRequired: true, incomingChannel: 'курьер' },
  },
  {
    key: 'mchs', kind: 'incoming', day: 0, correspondent: 'mchs', outNumber: 'ИВ-193-4417', outDay: 1, signer: 'Заместитель начальника главного управления А. П. Рябов',
    summary: 'О проведении профилактических мероприятий по пожарной безопасности в жилом секторе',
    addressee: 'manager', deliveryMethod: 'СЭД/МЭДО', sheets: 2, fields: { incomingChannel: 'СЭД/МЭДО' },
  },
  // Waiting for registration: the clerk has only typed it in.
  {
    key: 'clean', kind: 'incoming', day: null, correspondent: 'clean', outNumber: '77/ТКО', outDay: 1, signer: 'Директор Н. С. Орехов',
    summary: 'О согласовании графика вывоза твёрдых коммунальных отходов с контейнерных площадок',
    addressee: 'manager', deliveryMethod: 'электронная почта', fields: { incomingChannel: 'электронная почта' },
  },

  // Citizens' appeals (59-FZ): 30 days to answer
  {
    key: 'petrova', kind: 'appeal', day: 22, correspondent: 'petrova', addressee: 'manager', deliveryMethod: 'почта', sheets: 1, onControl: true,
    summary: 'О ремонте уличного освещения во дворе дома № 12 по ул. Ленинградской',
    fields: { form: 'письменное', appealType: 'заявление', citizenAddress: '624250, г. Заречный, ул. Ленинградская, д. 12, кв. 7', topicCode: '0005.0005.0056.1153' },
    file: {
      name: 'Обращение Петровой А. В.pdf', title: 'Обращение гражданина',
      paragraphs: [
        'Главе городского округа Заречный А. Н. Сергееву',
        'от Петровой Анны Викторовны, проживающей по адресу: г. Заречный, ул. Ленинградская, д. 12, кв. 7',
        'ЗАЯВЛЕНИЕ',
        'Уже третий месяц во дворе нашего дома не работают светильники уличного освещения у детской площадки и вдоль пешеходной дорожки к остановке. Вечером во дворе совершенно темно, дети и пожилые люди боятся выходить. Обращения в управляющую компанию результата не дали.',
        'Прошу принять меры к ремонту наружного освещения во дворе дома № 12 по улице Ленинградской.',
        'А. В. Петрова',
      ],
    },
    events: [
      { type: 'resolution', day: 21, by: 'manager', text: 'Кузнецовой О. В.: обследовать, восстановить освещение, ответить заявителю', assignments: [
        { key: 'petrova-main', executor: 'executor', due: -3, onControl: true },
      ] },
      { type: 'report', day: 6, by: 'executor', assignment: 'petrova-main', text: 'Заменены четыре светильника и участок кабеля, освещение восстановлено. Заявителю направлен ответ.' },
      { type: 'accept', day: 5, by: 'manager', assignment: 'petrova-main' },
      { type: 'appealResult', day: 5, by: 'clerk', result: 'supported', comment: 'Освещение восстановлено' },
      { type: 'file', day: 4, by: 'clerk', caseIndex: '01-2-01' },
    ],
  },
  {
    key: 'sokolov', kind: 'appeal', day: 10, correspondent: 'sokolov', addressee: 'manager', deliveryMethod: 'интернет-приёмная', onControl: true,
    summary: 'О вырубке аварийных тополей у дома № 5 по ул. Курчатова',
    fields: { form: 'электронное', appealType: 'заявление', citizenAddress: '624250, г. Заречный, ул. Курчатова, д. 5, кв. 31' },
    events: [
      { type: 'resolution', day: 9, by: 'manager', text: 'Кузнецовой О. В.: рассмотреть, при необходимости организовать вырубку', assignments: [
        { key: 'sokolov-main', executor: 'executor', due: 5, onControl: true },
      ] },
      { type: 'subassign', day: 8, by: 'executor', parent: 'sokolov-main', text: 'Провести обследование зелёных насаждений с участием управляющей компании', assignments: [
        { key: 'sokolov-survey', executor: 'zaitsev', due: 2 },
      ] },
    ],
  },
  {
    key: 'vasilyeva', kind: 'appeal', day: 8, correspondent: 'vasilyeva', addressee: 'manager', deliveryMethod: 'лично', sheets: 3, onControl: true,
    summary: 'Коллективное обращение жителей дома № 21 по ул. Мира о ненадлежащем содержании общего имущества управляющей компанией',
    fields: { form: 'письменное', appealType: 'жалоба', collective: true, citizenAddress: '624250, г. Заречный, ул. Мира, д. 21, кв. 3' },
    events: [
      { type: 'resolution', day: 7, by: 'manager', text: 'Громову П. И., Павлову И. С.: провести проверку управляющей компании, ответить заявителям', assignments: [
        { executor: 'gromov', coExecutors: ['lawyer'], due: 8, onControl: true },
      ] },
    ],
  },
  {
    key: 'morozov', kind: 'appeal', day: 14, correspondent: 'morozov', addressee: 'manager', deliveryMethod: 'почта', sheets: 1, onControl: true,
    summary: 'О предоставлении места в детском саду в микрорайоне Муранитный',
    fields: { form: 'письменное', appealType: 'заявление' },
    events: [
      { type: 'resolution', day: 13, by: 'manager', text: 'Лебедевой А. С.: рассмотреть, ответить заявителю', assignments: [{ executor: 'lebedeva', due: 6, onControl: true }] },
    ],
  },
  {
    key: 'kravchenko', kind: 'appeal', day: 17, correspondent: 'kravchenko', addressee: 'manager', deliveryMethod: 'интернет-приёмная',
    summary: 'Предложение по благоустройству детской площадки в сквере Победы',
    fields: { form: 'электронное', appealType: 'предложение', citizenEmail: 'kravchenko.io@mail.example' },
    events: [
      { type: 'resolution', day: 16, by: 'manager', text: 'Кузнецовой О. В.: рассмотреть предложение, дать разъяснения', assignments: [{ key: 'kravchenko-main', executor: 'executor', due: -2 }] },
      { type: 'report', day: 4, by: 'executor', assignment: 'kravchenko-main', text: 'Предложение включено в перечень общественных территорий для рейтингового голосования. Заявителю дан ответ.' },
      { type: 'appealResult', day: 3, by: 'clerk', result: 'explained', comment: 'Разъяснён порядок включения территории в программу' },
    ],
  },

  // Outgoing
  {
    key: 'out-fns', kind: 'outgoing', day: 7, correspondent: 'fns', inReplyTo: 'fns', signer: GLAVA, department: '02', sheets: 3,
    summary: 'О предоставлении сведений о земельных участках в постоянном (бессрочном) пользовании',
    fields: { executorName: 'Павлов Игорь Сергеевич', executorPhone: '+7 (34377) 7-29-05' },
    events: [{ type: 'file', day: 5, by: 'clerk', caseIndex: '01-05' }],
  },
  {
    key: 'out-petrova', kind: 'outgoing', day: 6, correspondent: 'petrova', inReplyTo: 'petrova', signer: GLAVA, department: '03-1', sheets: 1,
    summary: 'Ответ на обращение о ремонте уличного освещения во дворе дома № 12 по ул. Ленинградской',
    fields: { executorName: 'Кузнецова Ольга Викторовна', executorPhone: '+7 (34377) 7-31-18' },
    events: [{ type: 'file', day: 4, by: 'clerk', caseIndex: '01-2-01' }],
  },
  {
    key: 'out-minzhkh', kind: 'outgoing', day: 2, correspondent: 'minzhkh', signer: GLAVA, department: '03', sheets: 4,
    summary: 'Информация о ходе подготовки жилищного фонда и объектов коммунальной инфраструктуры к отопительному периоду',
    fields: { executorName: 'Громов Павел Игоревич' },
    events: [
      { type: 'route', day: 2, by: 'clerk', stages: [{ approvers: ['lawyer'], deadlineDays: 1 }, { approvers: ['manager'], deadlineDays: 1 }] },
      { type: 'visa', day: 2, by: 'lawyer', decision: 'approved' },
      { type: 'visa', day: 1, by: 'manager', decision: 'approved' },
    ],
  },

  // Internal
  {
    key: 'subbotnik', kind: 'internal', day: 13, department: '03-1', sheets: 2, addressee: 'manager',
    summary: 'Служебная записка о проведении общегородского субботника и обеспечении инвентарём',
    fields: { documentType: 'служебная записка' },
    events: [
      { type: 'resolution', day: 12, by: 'manager', text: 'Кузнецовой О. В.: организовать, доложить об итогах', assignments: [{ key: 'subbotnik-main', executor: 'executor', due: 1, onControl: true }] },
      { type: 'report', day: 2, by: 'executor', assignment: 'subbotnik-main', text: 'Субботник проведён, участвовали 14 организаций, вывезено 38 м³ мусора. Фотоотчёт приложен к отчёту отдела.' },
    ],
  },
  {
    key: 'order-records', kind: 'internal', day: 19, department: '01', sheets: 2, signer: GLAVA,
    summary: 'Распоряжение о назначении ответственных за ведение делопроизводства в структурных подразделениях',
    fields: { documentType: 'распоряжение' },
    events: [{ type: 'file', day: 18, by: 'clerk', caseIndex: '01-03' }],
  },
  {
    key: 'protocol', kind: 'internal', day: 5, department: '03', sheets: 3,
    summary: 'Протокол совещания по вопросам подготовки объектов ЖКХ к отопительному периоду',
    fields: { documentType: 'протокол' },
    events: [
      { type: 'resolution', day: 5, by: 'manager', text: 'Исполнить решения совещания в установленные сроки', assignments: [
        { executor: 'gromov', due: 1, onControl: true },
        { executor: 'nikitina', due: 4 },
      ] },
    ],
  },
  {
    key: 'archive-check', kind: 'internal', day: 3, department: '07', sheets: 1, addressee: 'manager',
    summary: 'Служебная записка о проверке наличия и состояния дел, подлежащих передаче в архивный отдел',
    fields: { documentType: 'служебная записка' },
    events: [
      { type: 'resolution', day: 3, by: 'manager', text: 'Беловой Н. А.: провести проверку, представить график передачи дел', assignments: [{ executor: 'archivist', due: 10 }] },
    ],
  },

  // Drafts of regulations
  {
    key: 'draft-rules', kind: 'draft', day: 9, department: '03-1', sheets: 18,
    summary: 'Проект постановления «Об утверждении Правил благоустройства территории городского округа Заречный»',
    fields: { npaType: 'постановление', anticorruptionReview: true },
    file: {
      name: 'Проект постановления о Правилах благоустройства.pdf', title: 'Проект постановления «Об утверждении Правил благоустройства»',
      paragraphs: [
        'АДМИНИСТРАЦИЯ ГОРОДСКОГО ОКРУГА ЗАРЕЧНЫЙ',
        'ПОСТАНОВЛЕНИЕ (проект)',
        'Об утверждении Правил благоустройства территории городского округа Заречный',
        'В соответствии с Федеральным законом от 06.10.2003 № 131-ФЗ «Об общих принципах организации местного самоуправления в Российской Федерации», Законом Свердловской области «О регулировании отдельных вопросов в сфере благоустройства», Уставом городского округа Заречный ПОСТАНОВЛЯЮ:',
        '1. Утвердить Правила благоустройства территории городского округа Заречный (прилагаются).',
        '2. Правила устанавливают требования к содержанию фасадов зданий, ограждений, детских и спортивных площадок, к озеленению территории, размещению малых архитектурных форм, уборке территории в зимний и летний периоды и к порядку проведения земляных работ.',
        '3. Опубликовать настоящее постановление в официальном вестнике и разместить на официальном сайте городского округа.',
        '4. Контроль исполнения настоящего постановления возложить на начальника управления жилищно-коммунального хозяйства П. И. Громова.',
      ],
    },
    events: [
      { type: 'route', day: 4, by: 'clerk', stages: [{ approvers: ['executor'], deadlineDays: 2 }, { approvers: ['lawyer'], deadlineDays: 3 }, { approvers: ['manager'], deadlineDays: 2 }] },
      { type: 'visa', day: 2, by: 'executor', decision: 'approved_with_remarks', comment: 'Пункт 2: дополнить требованиями к содержанию контейнерных площадок.' },
    ],
  },
  {
    key: 'draft-program', kind: 'draft', day: 15, department: '06', sheets: 9,
    summary: 'Проект постановления «О внесении изменений в муниципальную программу «Формирование современной городской среды»»',
    fields: { npaType: 'постановление', anticorruptionReview: false },
    events: [
      { type: 'route', day: 14, by: 'lawyer', stages: [{ approvers: ['lawyer'], deadlineDays: 2 }, { approvers: ['manager'], deadlineDays: 2 }] },
      { type: 'visa', day: 13, by: 'lawyer', decision: 'rejected', comment: 'Объёмы финансирования не соответствуют решению о бюджете; приложить финансово-экономическое обоснование.' },
    ],
  },

  // Applications for municipal services
  {
    key: 'gavrilov', kind: 'service_application', day: 5, correspondent: 'gavrilov', addressee: 'manager', deliveryMethod: 'ЕПГУ',
    summary: 'Заявление о выдаче разрешения на установку и эксплуатацию рекламной конструкции',
    fields: { serviceCode: '6600000010000054321', applicantType: 'индивидуальный предприниматель', channel: 'ЕПГУ', termWorkingDays: 20 },
    events: [{ type: 'resolution', day: 4, by: 'manager', text: 'Фролову К. Е.: рассмотреть в установленный срок', assignments: [{ executor: 'frolov', due: 12, onControl: true }] }],
  },
  {
    key: 'zakharov', kind: 'service_application', day: 3, correspondent: 'zakharov', addressee: 'manager', deliveryMethod: 'МФЦ',
    summary: 'Заявление о выдаче градостроительного плана земельного участка',
    fields: { applicantType: 'физическое лицо', channel: 'МФЦ', termWorkingDays: 14 },
    events: [{ type: 'resolution', day: 2, by: 'manager', text: 'Фролову К. Е.: подготовить ГПЗУ', assignments: [{ executor: 'frolov', due: 9 }] }],
  },
];

/**
 * Last year's appeals, answered, filed in that year's case, the case closed on 31 December and the cards handed to
 * the archive. Days here are calendar dates of last year (month-day).
 */
export interface DemoArchivedAppeal {
  correspondent: string;
  registered: string;
  reported: string;
  summary: string;
  report: string;
  result: 'supported' | 'not_supported' | 'explained';
  file?: DemoFile;
}

export const demoLastYearCase = '01-2-01';

export const demoArchivedAppeals: DemoArchivedAppeal[] = [
  {
    correspondent: 'belyaev', registered: '10-06', reported: '10-27', result: 'supported',
    summary: 'О ремонте асфальтового покрытия проезда к дому № 6 по ул. Свердлова',
    report: 'Ямочный ремонт проезда выполнен подрядчиком по муниципальному контракту; заявителю дан ответ.',
    file: {
      name: 'Обращение Беляева О. В.pdf', title: 'Обращение гражданина',
      paragraphs: [
        'Главе городского округа Заречный',
        'от Беляева Олега Витальевича, г. Заречный, ул. Свердлова, д. 6, кв. 12',
        'ЗАЯВЛЕНИЕ',
        'Проезд к нашему дому разрушен, после дождей образуются глубокие ямы, в которых застревают машины скорой помощи и мусоровоз. Прошу включить ремонт асфальтового покрытия проезда в план дорожных работ.',
        'О. В. Беляев',
      ],
    },
  },
  {
    correspondent: 'egorova', registered: '11-10', reported: '12-01', result: 'explained',
    summary: 'О порядке получения компенсации расходов на оплату жилищно-коммунальных услуг',
    report: 'Заявителю разъяснён порядок обращения в управление социальной политики за компенсацией.',
  },
  {
    correspondent: 'morozov', registered: '12-02', reported: '12-19', result: 'not_supported',
    summary: 'Об установке искусственной неровности у дома № 2 по ул. Алещенкова',
    report: 'По результатам обследования установка искусственной неровности не соответствует ГОСТ Р 52605-2006 (уклон проезжей части); заявителю дан мотивированный ответ.',
  },
];

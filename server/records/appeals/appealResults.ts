// The results of an appeal's consideration and the grounds of 59-FZ art. 11 on which an appeal is left without an
// answer. The list is the law's, so it lives here and not in a table an administrator could edit.

export const APPEAL_RESULTS = ['supported', 'not_supported', 'explained', 'left_unanswered', 'forwarded'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
/** What a clerk records; «переадресовано» is written by the forwarding itself. */
export const RECORDABLE_RESULTS = ['supported', 'not_supported', 'explained', 'left_unanswered'] as const satisfies readonly AppealResult[];
export type RecordableResult = (typeof RECORDABLE_RESULTS)[number];

export const RESULT_NAMES: Record<AppealResult, { ru: string; en: string }> = {
  supported: { ru: 'поддержано', en: 'supported' },
  not_supported: { ru: 'не поддержано', en: 'not supported' },
  explained: { ru: 'разъяснено', en: 'explained' },
  left_unanswered: { ru: 'оставлено без ответа', en: 'left unanswered' },
  forwarded: { ru: 'переадресовано', en: 'forwarded' },
};

export interface UnansweredGround {
  code: string;
  /** the part of art. 11, as a letter cites it: «ч. 4.1 ст. 11» */
  reference: string;
  ru: string;
  en: string;
}

export const UNANSWERED_GROUNDS: readonly UnansweredGround[] = [
  { code: 'no_name_or_address', reference: 'ч. 1 ст. 11', ru: 'Не указаны фамилия гражданина или адрес, по которому должен быть направлен ответ', en: 'No surname or no address for the answer' },
  { code: 'court_decision', reference: 'ч. 2 ст. 11', ru: 'Обжалуется судебное решение (обращение возвращено с разъяснением порядка обжалования)', en: 'A court decision is appealed (returned with how to appeal it)' },
  { code: 'offensive', reference: 'ч. 3 ст. 11', ru: 'Нецензурные либо оскорбительные выражения, угрозы жизни, здоровью и имуществу', en: 'Obscene or offensive language, threats to life, health or property' },
  { code: 'illegible', reference: 'ч. 4 ст. 11', ru: 'Текст обращения не поддаётся прочтению', en: 'The text cannot be read' },
  { code: 'no_substance', reference: 'ч. 4.1 ст. 11', ru: 'Текст обращения не позволяет определить его суть', en: 'The text does not allow its substance to be determined' },
  { code: 'repeated', reference: 'ч. 5 ст. 11', ru: 'Вопрос, на который неоднократно давались ответы по существу, без новых доводов; переписка прекращена', en: 'A question answered repeatedly, without new arguments; correspondence ended' },
  { code: 'published_answer', reference: 'ч. 5.1 ст. 11', ru: 'Ответ на вопрос размещён на официальном сайте (заявителю сообщён адрес страницы)', en: 'The answer is published on the official website (the page was given)' },
  { code: 'state_secret', reference: 'ч. 6 ст. 11', ru: 'Ответ невозможен без разглашения государственной или иной охраняемой законом тайны', en: 'No answer is possible without disclosing a secret protected by law' },
];

export function groundOf(code: string | null): UnansweredGround | null {
  return UNANSWERED_GROUNDS.find((g) => g.code === code) ?? null;
}

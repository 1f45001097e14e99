// The two PDF/A documents of an internet appeal, produced with the archive library: the appeal itself as the citizen
// sent it (the card's main file, so the text is kept and archived as a document), and the registration receipt
// (уведомление о регистрации обращения) handed back to the citizen.
import type { Paragraph } from '../../archive/index.ts';

export interface Citizen {
  lastName: string;
  firstName: string;
  middleName?: string | undefined;
  email?: string | undefined;
  postalAddress?: string | undefined;
  phone?: string | undefined;
}

export function citizenName(c: Pick<Citizen, 'lastName' | 'firstName' | 'middleName'>): string {
  return [c.lastName, c.firstName, c.middleName].filter((part) => part && part.trim() !== '').join(' ');
}

/** dd.mm.yyyy from an ISO date, as a Russian letter writes it. */
export function russianDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

// Control characters (other than line breaks) carry nothing a reader sees; the archive library draws the characters its
// fonts lack as '?' (generateDocument), so any script a citizen types still gives a valid PDF/A.
export function printable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{C}\n]/gu, '');
}

/** The first words of the appeal, for the card's summary and the receipt. */
export function firstWords(text: string, max = 250): string {
  const flat = printable(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const pdfTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface AppealDocumentInput {
  id: string;
  orgName: string;
  citizen: Citizen;
  appealType: string | null;
  text: string;
  submittedAt: Date;
  attachmentNames: string[];
}

export async function appealDocumentPdf(input: AppealDocumentInput): Promise<Uint8Array> {
  const { generateDocument } = await import('../../archive/index.ts');
  const c = input.citizen;
  const paragraphs: Paragraph[] = [
    { text: input.orgName, bold: true, size: 12 },
    { text: `Обращение гражданина${input.appealType ? ` (${input.appealType})` : ''}, поступившее через интернет-приёмную`, bold: true, size: 14 },
    { text: `Заявитель: ${printable(citizenName(c))}` },
    { text: `Адрес электронной почты: ${c.email ? printable(c.email) : 'не указан'}` },
    { text: `Почтовый адрес: ${c.postalAddress ? printable(c.postalAddress) : 'не указан'}` },
  ];
  if (c.phone) paragraphs.push({ text: `Телефон: ${printable(c.phone)}` });
  paragraphs.push({ text: `Поступило: ${input.submittedAt.toISOString()} (UTC)` }, { text: 'Текст обращения', bold: true, size: 12 }, { text: printable(input.text) });
  if (input.attachmentNames.length > 0) {
    paragraphs.push({ text: 'Приложения', bold: true, size: 12 });
    input.attachmentNames.forEach((name, i) => paragraphs.push({ text: `${i + 1}. ${printable(name)}` }));
  }
  paragraphs.push({ text: 'Гражданин дал согласие на обработку персональных данных при отправке обращения.', size: 9 });
  return generateDocument({ title: 'Обращение гражданина', author: printable(citizenName(c)), created: pdfTime(input.submittedAt), documentId: `appeal-${input.id}` }, paragraphs);
}

/** The receipt's file name; a registration number's slash would read as a folder (ОГ-1/2026 → ОГ-1_2026). */
export function receiptFileName(regNumber: string): string {
  return `Уведомление о регистрации ${regNumber.replace(/[\\/]/g, '_')}.pdf`;
}

/** How the receipt names the channel of an appeal sent through the internet reception. */
export const INTERNET_CHANNEL = 'поступило через интернет-приёмную';

export interface ReceiptInput {
  cardId: string;
  orgName: string;
  regNumber: string;
  regDate: string;
  deadline: string | null;
  citizenName: string;
  summary: string;
  /** how the appeal came in, for appeals registered from paper */
  channel: string;
  attachments: { name: string; size: number; sha256: string }[];
  /** only for appeals that came through the internet reception */
  statusCode: string | null;
  issuedAt: Date;
}

export async function receiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const { generateDocument } = await import('../../archive/index.ts');
  const paragraphs: Paragraph[] = [
    { text: input.orgName, bold: true, size: 12 },
    { text: 'Уведомление о регистрации обращения', bold: true, size: 14 },
    { text: `Уважаемый(ая) ${printable(input.citizenName)}!` },
    { text: `Ваше обращение (${input.channel}) зарегистрировано.` },
    { text: `Регистрационный номер: ${input.regNumber}`, bold: true },
    { text: `Дата регистрации: ${russianDate(input.regDate)}` },
    {
      text: input.deadline
        ? `Срок рассмотрения: до ${russianDate(input.deadline)} включительно — 30 дней со дня регистрации (часть 1 статьи 12 Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»).`
        : 'Срок рассмотрения: 30 дней со дня регистрации (часть 1 статьи 12 Федерального закона от 02.05.2006 № 59-ФЗ).',
    },
    { text: `Содержание: ${printable(input.summary) || '—'}` },
  ];
  if (input.attachments.length === 0) paragraphs.push({ text: 'Файлов к обращению не приложено.' });
  else {
    paragraphs.push({ text: 'Принятые файлы и их контрольные суммы (SHA-256):', bold: true });
    input.attachments.forEach((a, i) => {
      paragraphs.push({ text: `${i + 1}. ${printable(a.name)} — ${a.size} байт` }, { text: a.sha256, size: 9 });
    });
  }
  if (input.statusCode) {
    paragraphs.push(
      { text: `Код для проверки статуса: ${input.statusCode}`, bold: true, size: 12 },
      { text: 'Узнать, на каком этапе рассмотрение, можно в интернет-приёмной (раздел «Проверить статус обращения»), указав регистрационный номер и этот код. Код не сообщайте посторонним.' },
    );
  }
  paragraphs.push({ text: `Уведомление сформировано ${input.issuedAt.toISOString()} (UTC) системой электронного документооборота «Картотека».`, size: 9 });
  return generateDocument({ title: 'Уведомление о регистрации обращения', author: input.orgName, created: pdfTime(input.issuedAt), documentId: `appeal-receipt-${input.cardId}` }, paragraphs);
}

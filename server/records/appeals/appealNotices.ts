// The citizen's notices about an appeal, PDF/A made by the archive library like the registration receipt: the
// extension of the term (59-FZ art. 12 part 2) and the forwarding to the competent body (art. 8 part 3).
import type { Paragraph } from '../../../archive/index.ts';
import { printable, russianDate } from '../../reception/receptionDocuments.ts';

export interface NoticeBase {
  cardId: string;
  orgName: string;
  regNumber: string;
  regDate: string;
  citizenName: string;
  /** where the answer goes: the e-mail and/or postal address the citizen gave */
  citizenContact: string | null;
  signerName: string;
  issuedAt: Date;
}

export interface ExtensionNotice extends NoticeBase {
  oldDeadline: string;
  newDeadline: string;
  reason: string;
}

export interface ForwardingNotice extends NoticeBase {
  forwardedTo: string;
  forwardedOn: string;
  outNumber: string | null;
}

const pdfTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

function opening(n: NoticeBase, title: string): Paragraph[] {
  const lines: Paragraph[] = [{ text: n.orgName, bold: true, size: 12 }];
  lines.push({ text: printable(n.citizenName), bold: true });
  if (n.citizenContact) lines.push({ text: printable(n.citizenContact) });
  lines.push({ text: title, bold: true, size: 14 }, { text: `Уважаемый(ая) ${printable(n.citizenName)}!` });
  return lines;
}

function closing(n: NoticeBase): Paragraph[] {
  return [
    { text: printable(n.signerName) },
    { text: `Уведомление сформировано ${n.issuedAt.toISOString()} (UTC) системой электронного документооборота «Картотека».`, size: 9 },
  ];
}

export function extensionNoticeFileName(regNumber: string): string {
  return `Уведомление о продлении срока ${regNumber.replace(/[\\/]/g, '_')}.pdf`;
}

export function forwardingNoticeFileName(regNumber: string): string {
  return `Уведомление о переадресации ${regNumber.replace(/[\\/]/g, '_')}.pdf`;
}

export async function extensionNoticePdf(n: ExtensionNotice): Promise<Uint8Array> {
  const { generateDocument } = await import('../../../archive/index.ts');
  const title = 'Уведомление о продлении срока рассмотрения обращения';
  const paragraphs: Paragraph[] = [
    ...opening(n, title),
    {
      text: `Сообщаем, что срок рассмотрения Вашего обращения, зарегистрированного ${russianDate(n.regDate)} за № ${n.regNumber}, продлён до ${russianDate(n.newDeadline)} включительно (прежний срок — ${russianDate(n.oldDeadline)}) в соответствии с частью 2 статьи 12 Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации».`,
    },
    { text: `Причина продления: ${printable(n.reason)}` },
    ...closing(n),
  ];
  return generateDocument({ title, author: n.orgName, created: pdfTime(n.issuedAt), documentId: `appeal-extension-${n.cardId}` }, paragraphs);
}

export async function forwardingNoticePdf(n: ForwardingNotice): Promise<Uint8Array> {
  const { generateDocument } = await import('../../../archive/index.ts');
  const title = 'Уведомление о переадресации обращения';
  const outgoing = n.outNumber ? ` (исх. № ${printable(n.outNumber)})` : '';
  const paragraphs: Paragraph[] = [
    ...opening(n, title),
    {
      text: `Сообщаем, что Ваше обращение, зарегистрированное ${russianDate(n.regDate)} за № ${n.regNumber}, в соответствии с частью 3 статьи 8 Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации» ${russianDate(n.forwardedOn)} направлено${outgoing} для рассмотрения по компетенции в орган, в компетенцию которого входит решение поставленных в нём вопросов: ${printable(n.forwardedTo)}.`,
    },
    { text: 'Ответ на обращение Вам направит орган, в который оно переадресовано.' },
    ...closing(n),
  ];
  return generateDocument({ title, author: n.orgName, created: pdfTime(n.issuedAt), documentId: `appeal-forwarding-${n.cardId}` }, paragraphs);
}

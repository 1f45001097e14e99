// The printable protocol of a signature check (протокол проверки ЭП), as PDF/A through the archive library.
import type { Card } from '../models/Card.ts';
import type { SignatureReport } from '../../signature/index.ts';

const STATUS_RU: Record<string, string> = {
  passed: 'подпись действительна',
  failed: 'подпись НЕДЕЙСТВИТЕЛЬНА',
  indeterminate: 'действительность подписи не установлена',
  error: 'подпись не может быть проверена',
};

export async function signatureProtocolPdf(input: { orgName: string; card: Card; check: { id: string; status: string; summary: string; validatedAt: Date; report: unknown } }): Promise<Uint8Array> {
  const { generateDocument } = await import('../../archive/index.ts');
  const signatures = ((input.check.report as { signatures?: SignatureReport[] }).signatures ?? []);
  const paragraphs = [
    { text: input.orgName, bold: true, size: 12 },
    { text: 'Протокол проверки электронной подписи', bold: true, size: 14 },
    { text: `Документ: ${input.card.regNumber ?? 'не зарегистрирован'} от ${input.card.regDate ?? '—'}. ${input.card.summary}` },
    { text: `Время проверки: ${input.check.validatedAt.toISOString()}` },
    { text: `Итог: ${STATUS_RU[input.check.status] ?? input.check.status}` },
  ];
  signatures.forEach((s, i) => {
    const q = s.signer?.qualified;
    paragraphs.push(
      { text: `Подпись ${i + 1} (${s.format}): ${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''}`, bold: true, size: 11 },
      { text: s.messageRu },
      { text: `Владелец сертификата: ${q?.ownerName ?? s.signer?.subject ?? '—'}${q?.position ? `, ${q.position}` : ''}${q?.organisation ? `, ${q.organisation}` : ''}` },
      { text: `ИНН: ${q?.inn ?? q?.innle ?? '—'}; ОГРН: ${q?.ogrn ?? q?.ogrnip ?? '—'}; СНИЛС: ${q?.snils ?? '—'}` },
      { text: `Издатель: ${s.signer?.issuer ?? '—'}; серийный номер ${s.signer?.serialNumber ?? '—'}; действует с ${s.signer?.notBefore ?? '—'} по ${s.signer?.notAfter ?? '—'}` },
      { text: `Алгоритм: ${s.signatureAlgorithm ?? '—'}; время подписания: ${s.signingTime ?? 'не указано'}; время существования подписи: ${s.bestSignatureTime}` },
    );
  });
  if (signatures.length === 0) paragraphs.push({ text: input.check.summary });
  return generateDocument({ title: 'Протокол проверки электронной подписи', author: input.orgName, created: input.check.validatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), documentId: `signature-check-${input.check.id}` }, paragraphs);
}

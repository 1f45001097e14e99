// The nomenclature of cases of a year as a printable PDF/A (the form that is signed and approved each year).
// Rendered from the rows alone, with the time of their last change: the same nomenclature gives the same bytes.
import type { NomenclatureItem } from '../models/NomenclatureItem.ts';
import { pdfTime } from './inventoryDocument.ts';
import { retentionLabel } from './retention.ts';

export async function nomenclaturePdf(org: { id: string; name: string }, year: number, items: NomenclatureItem[], departments: Map<string, string>): Promise<Uint8Array> {
  const { generateDocument } = await import('../../archive/index.ts');
  const title = `Номенклатура дел на ${year} год`;
  const changed = items.reduce((latest, i) => (i.updatedAt > latest ? i.updatedAt : latest), new Date(Date.UTC(year - 1, 11, 1)));
  const paragraphs = [
    { text: org.name, bold: true, size: 12 },
    { text: title, bold: true, size: 14 },
    ...items.flatMap((i) => [
      { text: `${i.caseIndex} — ${i.title}${i.personnel ? ' (по личному составу)' : ''}`, bold: true, size: 11 },
      {
        text: `Подразделение: ${i.departmentId ? (departments.get(i.departmentId) ?? '—') : '—'}; срок хранения: ${retentionLabel(i).ru}${i.listArticle ? ` (${i.listArticle})` : ''}${i.storageNote ? `; примечание: ${i.storageNote}` : ''}`,
        size: 10,
      },
    ]),
    { text: `Всего статей: ${items.length}.` },
  ];
  return generateDocument({ title, author: org.name, created: pdfTime(changed), documentId: `nomenclature-${org.id}-${year}` }, paragraphs);
}

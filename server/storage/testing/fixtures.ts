import { randomBytes } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Real documents of the kinds Kartoteka stores, built in memory so tests need no files. */
export interface MimeFixture {
  name: string;
  bytes: Uint8Array;
  declaredName?: string;
  expectedMime: string;
}

export async function mimeFixtures(): Promise<MimeFixture[]> {
  // A random salt keeps fixture blobs unique per run, so tests against a shared bucket never touch
  // somebody else's identical object.
  const salt = randomBytes(8).toString('hex');
  const canvas = createCanvas(16, 16);
  const context = canvas.getContext('2d');
  context.fillStyle = `#${salt.slice(0, 6)}`;
  context.fillRect(0, 0, 16, 16);
  const russian = `Входящий № 12-345/${salt} от 24.11.2026\nО предоставлении сведений\n`;
  return [
    { name: 'PDF', bytes: await makePdf(salt), expectedMime: 'application/pdf' },
    { name: 'PNG', bytes: await canvas.encode('png'), expectedMime: 'image/png' },
    { name: 'JPEG', bytes: await canvas.encode('jpeg', 80), expectedMime: 'image/jpeg' },
    {
      name: 'DOCX',
      bytes: makeDocx(salt),
      declaredName: 'письмо.docx',
      expectedMime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    { name: 'UTF-8 text', bytes: strToU8(russian), expectedMime: 'text/plain' },
    { name: 'UTF-8 text named .csv', bytes: strToU8(`номер;дата\n1;${salt}\n`), declaredName: 'реестр.csv', expectedMime: 'text/csv' },
    // Windows-1251 Cyrillic is not valid UTF-8, so it is not claimed as text.
    { name: 'Windows-1251 text', bytes: cp1251(`Письмо ${salt}`), expectedMime: 'application/octet-stream' },
    { name: 'random bytes named .csv', bytes: Buffer.concat([Buffer.from([0x00, 0xff]), randomBytes(64)]), declaredName: 'x.csv', expectedMime: 'application/octet-stream' },
  ];
}

async function makePdf(salt: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(`Kartoteka ${salt}`, { x: 50, y: 780, size: 14, font });
  return pdf.save();
}

function makeDocx(salt: string): Uint8Array {
  const main = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body><w:p><w:r><w:t>Служебная записка ${salt}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  });
}

function cp1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.codePointAt(0) ?? 0x3f;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    return 0x3f;
  });
}

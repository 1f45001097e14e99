// XMP value types and extension schemas as veraPDF reads them (veraPDF-library's XMPConstants, ValidatorsContainer,
// ValidatorsContainerCreator, SchemasDefinition, AXLXMPProperty, XMP Core's ISO 8601 reader): each case puts one
// property into the catalog metadata of a conforming file and names the 6.6.2.3 rules that must (or must not) fire.
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from './produce/produce.ts';
import { checkPdfa } from './validate.ts';

let base: Uint8Array;
beforeAll(async () => {
  base = await generateDocument({ title: 'Опись', author: 'Архив', created: '2026-01-15T12:00:00Z', documentId: 'xmp' }, [{ text: 'XMP' }]);
});

const NAMESPACES = [
  'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
  'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
  'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
  'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"',
  'xmlns:pdfaType="http://www.aiim.org/pdfa/ns/type#"',
  'xmlns:pdfaField="http://www.aiim.org/pdfa/ns/field#"',
  'xmlns:ex="http://example.org/ns/kartoteka/"',
].join(' ');

/** The 6.6 rules broken by a file whose catalog metadata holds the PDF/A identification and `body`. */
async function metadataRules(body: string): Promise<string[]> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const xmp =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${NAMESPACES}>` +
    `<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>${body}` +
    `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  // The replaced packet must go: every metadata stream in the file is checked, against the catalog's extensions too.
  const old = doc.catalog.get(PDFName.of('Metadata'));
  if (old instanceof PDFRef) doc.context.delete(old);
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return [...new Set(checkPdfa(bytes).errors.map((e) => e.rule).filter((r) => r.startsWith('6.6')))].sort();
}

/** An extension schema for the namespace `ns` with the given property and value-type descriptions. */
function extension(ns: string, prefix: string, properties: [name: string, valueType: string][], valueTypes = ''): string {
  const props = properties
    .map(
      ([name, vt]) =>
        `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${vt}</pdfaProperty:valueType>` +
        `<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>d</pdfaProperty:description></rdf:li>`,
    )
    .join('');
  return (
    `<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>s</pdfaSchema:schema>` +
    `<pdfaSchema:namespaceURI>${ns}</pdfaSchema:namespaceURI><pdfaSchema:prefix>${prefix}</pdfaSchema:prefix>` +
    `<pdfaSchema:property><rdf:Seq>${props}</rdf:Seq></pdfaSchema:property>${valueTypes}</rdf:li></rdf:Bag></pdfaExtension:schemas>`
  );
}

const EX = 'http://example.org/ns/kartoteka/';

describe('6.6.2.3.1 property value types as veraPDF checks them', () => {
  it('the identification alone conforms', async () => {
    expect(await metadataRules('')).toEqual([]);
  });

  it('Locale is any text for PDF/A-2 (dc:language "en_US")', async () => {
    expect(await metadataRules('<dc:language><rdf:Bag><rdf:li>en_US</rdf:li></rdf:Bag></dc:language>')).toEqual([]);
  });

  it('Date is what XMP Core parses: one-digit fields, an hour without minutes, the empty string', async () => {
    expect(await metadataRules('<xmp:CreateDate>2026-1-5T10</xmp:CreateDate><xmp:ModifyDate></xmp:ModifyDate>')).toEqual([]);
    expect(await metadataRules('<xmp:MetadataDate>2026-01-05T10:30:15.25+03</xmp:MetadataDate>')).toEqual([]);
  });

  it('Date still refuses what XMP Core refuses, and a wrong type breaks both 6.6.2.3.1 rules', async () => {
    expect(await metadataRules('<xmp:CreateDate>2026-01-05 10:30</xmp:CreateDate>')).toEqual(['6.6.2.3.1-1', '6.6.2.3.1-2']);
    // seconds need minutes before them
    expect(await metadataRules('<xmp:CreateDate>2026-01-05T10:30.5</xmp:CreateDate>')).toEqual(['6.6.2.3.1-1', '6.6.2.3.1-2']);
  });

  it('an empty rdf:Alt is not Lang Alt (XMP Core never marks it alt-text)', async () => {
    expect(await metadataRules('<dc:title><rdf:Alt></rdf:Alt></dc:title>')).toEqual(['6.6.2.3.1-1', '6.6.2.3.1-2']);
  });

  it('a Seq type accepts an rdf:Alt array (XMP Core marks Alt arrays ordered)', async () => {
    expect(await metadataRules('<dc:creator><rdf:Alt><rdf:li>Архив</rdf:li></rdf:Alt></dc:creator>')).toEqual([]);
    expect(await metadataRules('<dc:subject><rdf:Alt><rdf:li>опись</rdf:li></rdf:Alt></dc:subject>')).toEqual([
      '6.6.2.3.1-1',
      '6.6.2.3.1-2',
    ]);
  });
});

describe('6.6.2.3 extension schemas as veraPDF reads them', () => {
  it('an extension schema definition outranks the predefined type of the same property', async () => {
    const ext = extension('http://purl.org/dc/elements/1.1/', 'dc', [['title', 'Text']]);
    expect(await metadataRules(`${ext}<dc:title>Опись</dc:title>`)).toEqual([]);
  });

  it('an extension value type declared without fields is plain text', async () => {
    const vt =
      '<pdfaSchema:valueType><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaType:type>Code</pdfaType:type>' +
      `<pdfaType:namespaceURI>${EX}</pdfaType:namespaceURI><pdfaType:prefix>ex</pdfaType:prefix>` +
      '<pdfaType:description>d</pdfaType:description></rdf:li></rdf:Seq></pdfaSchema:valueType>';
    expect(await metadataRules(`${extension(EX, 'ex', [['code', 'Code']], vt)}<ex:code>A-17</ex:code>`)).toEqual([]);
  });

  it('a property whose value type is unknown ("Point", "Any") is not defined by its schema', async () => {
    for (const vt of ['Point', 'Any']) {
      expect(await metadataRules(`${extension(EX, 'ex', [['spot', vt]])}<ex:spot>(1, 2)</ex:spot>`)).toEqual([
        '6.6.2.3.1-1',
        '6.6.2.3.1-2',
        '6.6.2.3.3-8',
      ]);
    }
  });

  it('the first definition of an extension property stands', async () => {
    const ext = extension(EX, 'ex', [
      ['n', 'Integer'],
      ['n', 'Text'],
    ]);
    expect(await metadataRules(`${ext}<ex:n>seven</ex:n>`)).toEqual(['6.6.2.3.1-1', '6.6.2.3.1-2']);
    expect(await metadataRules(`${ext}<ex:n>7</ex:n>`)).toEqual([]);
  });
});

describe('6.6.2.3.3 extension schema container structure', () => {
  it('pdfaSchema:property may be an rdf:Alt (ordered in XMP Core), not an rdf:Bag', async () => {
    const seq = extension(EX, 'ex', [['n', 'Integer']]);
    const alt = seq.replace('<rdf:Seq>', '<rdf:Alt>').replace('</rdf:Seq>', '</rdf:Alt>');
    const bag = seq.replace('<rdf:Seq>', '<rdf:Bag>').replace('</rdf:Seq>', '</rdf:Bag>');
    expect(await metadataRules(`${alt}<ex:n>7</ex:n>`)).toEqual([]);
    expect(await metadataRules(`${bag}<ex:n>7</ex:n>`)).toEqual(['6.6.2.3.3-5']);
  });
});

describe('6.6.2.3.3 an extension schema that is not a structure', () => {
  it('a simple value lacks the required fields (6.6.2.3.3-2/-3/-4), it has no undefined ones (6.6.2.3.2-1)', async () => {
    const rules = await metadataRules('<pdfaExtension:schemas><rdf:Bag><rdf:li>ex</rdf:li></rdf:Bag></pdfaExtension:schemas>');
    expect(rules).toEqual(expect.arrayContaining(['6.6.2.3.3-2', '6.6.2.3.3-3', '6.6.2.3.3-4']));
    expect(rules).not.toContain('6.6.2.3.2-1');
  });
});

describe('6.6.2.3.1 in metadata streams other than the catalog\'s', () => {
  /** Rules after adding an XMP stream with an undefined property, named by the page's /Metadata or by nothing. */
  async function withPacket(referenced: boolean, dict: Record<string, string>): Promise<string[]> {
    const doc = await PDFDocument.load(base, { updateMetadata: false });
    const xmp =
      '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      `<rdf:Description rdf:about="" ${NAMESPACES}><ex:unknown>1</ex:unknown></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const ref = doc.context.register(doc.context.stream(new TextEncoder().encode(xmp), dict));
    if (referenced) doc.getPage(0).node.set(PDFName.of('Metadata'), ref);
    const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
    return [...new Set(checkPdfa(bytes).errors.map((e) => e.rule))];
  }

  it('a packet some dictionary names as its Metadata is judged, with or without /Type /Metadata', async () => {
    expect(await withPacket(true, {})).toContain('6.6.2.3.1-1');
  });

  it('a packet nothing refers to is not (veraPDF links PDMetadata only from a Metadata key)', async () => {
    expect(await withPacket(false, { Type: 'Metadata', Subtype: 'XML' })).toEqual([]);
  });
});

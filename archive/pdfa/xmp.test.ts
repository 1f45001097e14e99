import { describe, expect, it } from 'vitest';
import { parseXmp } from './xmp/parse.ts';
import { conforms, baseRegistry } from './xmp/types.ts';

const wrap = (body: string, ns = ''): Uint8Array =>
  new TextEncoder().encode(
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${ns}>${body}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
  );

describe('XMP parsing and value types', () => {
  it('reads attribute, array, struct and qualified forms', () => {
    const p = parseXmp(
      wrap(
        '<dc:subject><rdf:Bag><rdf:li>a</rdf:li></rdf:Bag></dc:subject><xmpDM:duration rdf:parseType="Resource"><xmpDM:value>5</xmpDM:value><xmpDM:scale>1/25</xmpDM:scale></xmpDM:duration><xmp:Identifier><rdf:Bag><rdf:li><rdf:Description><rdf:value>x</rdf:value><xmpidq:Scheme>s</xmpidq:Scheme></rdf:Description></rdf:li></rdf:Bag></xmp:Identifier>',
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmpDM="http://ns.adobe.com/xmp/1.0/DynamicMedia/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpidq="http://ns.adobe.com/xmp/Identifier/qual/1.0/" xmp:CreatorTool="t"',
      ),
    );
    expect(p.wellFormed).toBe(true);
    const byName = new Map(p.properties.map((x) => [x.name, x]));
    const reg = baseRegistry();
    expect(conforms(byName.get('subject')!, 'Bag Text', reg)).toBe(true);
    expect(conforms(byName.get('subject')!, 'Seq Text', reg)).toBe(false);
    expect(conforms(byName.get('duration')!, 'Time', reg)).toBe(true);
    expect(conforms(byName.get('Identifier')!, 'Bag Text', reg)).toBe(true);
    expect(conforms(byName.get('CreatorTool')!, 'AgentName', reg)).toBe(true);
  });

  it('rejects wrong simple values and malformed packets', () => {
    const p = parseXmp(wrap('<crs:Brightness>0.5</crs:Brightness>', 'xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"'));
    expect(conforms(p.properties[0]!, 'Integer', baseRegistry())).toBe(false);
    expect(parseXmp(new TextEncoder().encode('<x:xmpmeta><rdf:RDF></x:xmpmeta>')).wellFormed).toBe(false);
  });

  it('refuses top-level descriptions whose rdf:about differs from an earlier non-empty one, as XMP Core does', () => {
    const packet = (...abouts: string[]): Uint8Array =>
      new TextEncoder().encode(
        `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${abouts
          .map((a) => `<rdf:Description rdf:about="${a}" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:source>s</dc:source></rdf:Description>`)
          .join('')}</rdf:RDF></x:xmpmeta>`,
      );
    expect(parseXmp(packet('', 'uuid:a', 'uuid:a')).wellFormed).toBe(true);
    expect(parseXmp(packet('uuid:a', 'uuid:b')).wellFormed).toBe(false);
    expect(parseXmp(packet('uuid:a', '')).wellFormed).toBe(false);
  });

  it('reads the legacy Dublin Core namespace as dc, as XMP Core does', () => {
    const p = parseXmp(wrap('<dco:source>s</dco:source>', 'xmlns:dco="http://purl.org/dc/1.1/"'));
    expect(p.properties[0]?.ns).toBe('http://purl.org/dc/elements/1.1/');
  });

  it('decides a property element\'s form from its attributes as XMP Core does, and refuses what it refuses', () => {
    const ns = 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:ex="http://example.org/ns/"';
    const ok = (body: string): boolean => parseXmp(wrap(body, ns)).wellFormed;
    expect(ok('<dc:source rdf:resource="http://example.org/a"/>')).toBe(true);
    expect(ok('<dc:source ex:a="1" ex:b="2"/>')).toBe(true);
    // property attributes make an empty property element: no content, not even a value
    expect(ok('<dc:source ex:a="1">text</dc:source>')).toBe(false);
    expect(ok('<dc:source rdf:resource="http://example.org/a">text</dc:source>')).toBe(false);
    expect(ok('<dc:source rdf:parseType="Literal">text</dc:source>')).toBe(false);
    expect(ok('<dc:subject>text<rdf:Bag><rdf:li>a</rdf:li></rdf:Bag></dc:subject>')).toBe(false);
    expect(ok('<dc:subject xml:lang="en"><rdf:Bag><rdf:li>a</rdf:li></rdf:Bag></dc:subject>')).toBe(true);
  });
});

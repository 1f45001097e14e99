// The XMP packet of a produced PDF/A-2B file: Dublin Core, XMP basic, Adobe PDF, XMP media
// management and the PDF/A identification, all predefined schemas (no extension needed).

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface XmpFields {
  title: string;
  author: string;
  producer: string;
  creatorTool: string;
  /** ISO 8601 with offset */
  created: string;
  documentId: string;
  instanceId: string;
}

export function pdfaXmp(f: XmpFields): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(f.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${esc(f.author)}</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>${f.created}</xmp:CreateDate>
   <xmp:ModifyDate>${f.created}</xmp:ModifyDate>
   <xmp:MetadataDate>${f.created}</xmp:MetadataDate>
   <xmp:CreatorTool>${esc(f.creatorTool)}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${esc(f.producer)}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <xmpMM:DocumentID>${esc(f.documentId)}</xmpMM:DocumentID>
   <xmpMM:InstanceID>${esc(f.instanceId)}</xmpMM:InstanceID>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

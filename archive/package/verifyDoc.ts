// documentation/VERIFY.md: the verification procedure in plain words, inside every package,
// so that a reader decades later needs nothing but the package and standard tools.
export function verifyDocument(id: string): string {
  return `# Как проверить этот пакет / How to verify this package

Пакет: ${id}

## Русский

1. Пакет — это объект OCFL 1.1 (https://ocfl.io/1.1/spec/). Файл \`inventory.json\` в корне перечисляет
   все версии и все файлы с их хешами SHA-512. Рядом лежит \`inventory.json.sha512\` — хеш самой описи.
2. Проверьте хеш описи: \`sha512sum inventory.json\` должен совпасть со строкой в \`inventory.json.sha512\`.
3. Проверьте каждый файл: для каждой записи \`manifest\` хеш SHA-512 файла по указанному пути должен совпасть
   с ключом записи. В блоке \`fixity\` те же файлы перечислены с хешами SHA-256 и ГОСТ Р 34.11-2012
   (Стрибог-256, каталог \`extensions/kartoteka-gost-digest-algorithms\` описывает алгоритм).
4. Логическое содержимое последней версии (\`head\`) организовано по E-ARK CSIP:
   \`representations/rep-original\` — оригиналы и подписи в том виде, в каком получены;
   \`representations/rep-pdfa\` — копии в PDF/A; \`metadata/descriptive\` — реквизиты карточки;
   \`metadata/preservation\` — события хранения; \`evidence\` — отчёты о проверке подписей со всеми
   сертификатами, СОС, ответами OCSP и штампами времени, отчёты о соответствии PDF/A с версией проверяющей программы.
5. \`package.json\` — единственная «якорная» запись: каноническая JSON-форма (RFC 8785) со списком всех файлов
   пакета (путь, размер, MIME-тип, роль, хеши SHA-512, SHA-256, Стрибог-256). Хеш \`package.json\` — то,
   что заверяется штампом времени и доказательствами хранения (RFC 4998).
6. Подписи проверяются по вложенным доказательствам на момент, указанный в \`package.json\` (\`validationTime\`),
   с доверенными сертификатами из \`evidence/signatures/…/trust-anchors\`.
7. Доказательства хранения (RFC 4998) добавляются новыми версиями OCFL в \`evidence/records/\`:
   \`package.json.ers\` связывает хеш \`package.json\` через дерево хешей со штампом времени (RFC 3161),
   продления добавляют штампы поверх предыдущих; сертификаты службы штампов — в \`evidence/records/tsa/\`,
   их отпечатки SHA-256 сверяются с опубликованными службой.
8. Автоматически всё это делает команда \`kartoteka archive verify <каталог или .zip> --json\` без сервера,
   базы данных и сети.

## English

1. The package is an OCFL 1.1 object. \`inventory.json\` lists every version and file with SHA-512 digests;
   \`inventory.json.sha512\` holds the digest of the inventory itself.
2. Check the inventory: \`sha512sum inventory.json\` must equal the value in \`inventory.json.sha512\`.
3. Check every file: each \`manifest\` key is the SHA-512 of the files listed under it. The \`fixity\` block
   repeats the files with SHA-256 and GOST R 34.11-2012 (Streebog-256) digests.
4. The head version follows E-ARK CSIP names: originals and signatures as received, PDF/A copies,
   descriptive and preservation metadata, and evidence (signature validation data, PDF/A reports).
5. \`package.json\` is the single hash anchor: RFC 8785 canonical JSON listing every file with path, size,
   MIME type, role and three digests. Its digest is what timestamps and evidence records protect.
6. Signatures are verified against the embedded evidence at the recorded \`validationTime\`.
7. Evidence records (RFC 4998) arrive as later OCFL versions in \`evidence/records/\`: \`package.json.ers\`
   links the digest of \`package.json\` through a hash tree to an RFC 3161 time-stamp; renewals add
   time-stamps over earlier ones. The TSA certificates are in \`evidence/records/tsa/\`; compare their
   SHA-256 fingerprints with the ones the TSA publishes.
8. \`kartoteka archive verify <directory or .zip> --json\` performs all of this offline.
`;
}

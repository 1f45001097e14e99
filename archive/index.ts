// Public API of the archive library: PDF/A validation and production, OCFL objects, archival
// packages and their offline verification.
export { checkPdfa } from './pdfa/validate.ts';
export { PdfReadError } from './pdfa/file.ts';
export type { PdfaError, PdfaReport } from './pdfa/report.ts';
export { VALIDATOR as PDFA_VALIDATOR } from './pdfa/version.ts';
export { generateDocument, imagesToPdfa, PdfaProductionError, type DocumentMeta, type Paragraph, type ScanPage } from './pdfa/produce/produce.ts';
export { srgbProfile } from './pdfa/produce/srgb.ts';
export { generateForm, type FormBlock, type FormColumn, type FormLine, type FormRow } from './pdfa/produce/form.ts';
export { normalizeToPdfa, NormalizationError, type Normalized, type NormalizationMethod } from './pdfa/produce/normalize.ts';
export { rasteriseToPdfa } from './pdfa/produce/rasterise.ts';
export { officeToPdfa, findLibreOffice, OfficeConversionError } from './pdfa/produce/office.ts';

export { buildObject, addVersion, writeObjectToDir, syncDirectory, OcflError, type VersionInput, type FixityAlgorithm } from './ocfl/write.ts';
export { validateObject, type OcflResult } from './ocfl/validate.ts';
export { fsTree, memoryTree, type Tree } from './ocfl/tree.ts';
export { StorageRoot } from './ocfl/storageRoot.ts';
export { startHashWorkers, stopHashWorkers, hashWorkersRunning } from './ocfl/hashPool.ts';
export { DigestCache, PACKAGE_DIGESTS } from './ocfl/digest.ts';
export type { Inventory, Issue as OcflIssue } from './ocfl/inventory.ts';

export { buildPackage, buildPackageAsync, packageZip, PackageError, type PackageInput, type BuiltPackage, type SignatureInput, type PreservationEvent, type InputFile } from './package/build.ts';
export { verifyPackage, verifyTree, verifyCollection, defaultSignatureVerifier, type VerifyResult, type VerifyOptions, type Check, type SignatureVerifier } from './package/verify.ts';
export type { PackageManifest, FileEntry, MemberEntry, Role as PackageRole } from './package/layout.ts';

export { createEvidenceRecords, currentAlgorithm, renewEvidenceRecord, renewEvidenceRecords, renewHashTree, verifyEvidenceRecord, type EvidenceCheck } from './ers/evidence.ts';
export { ERS_ALGORITHMS, httpTimestampAuthority, TimestampError, type ErsAlgorithm, type TimestampAuthority } from './ers/tsp.ts';
export { addEvidenceRecord, headFiles } from './package/evidence.ts';
export { addDestructionVersion, destructionEvent, DESTRUCTION_EVENT, withoutEarlierVersions, type DestructionInput } from './package/destruction.ts';
export { exportTransfer, type TransferInput } from './transfer/export.ts';

// Public API of the OCR library. The server composes these; nothing here imports server/ or client/.
export { OcrEngine, type RecognizeOptions } from './engine.ts';
export { OcrPool, type PoolOptions } from './pool.ts';
export { OcrError, type OcrErrorCode } from './errors.ts';
export { buildTextLayer, type TextLayerPage, type TextLayerWord } from './textLayer.ts';
export { DEFAULT_LANGS, resolveTessdata, BUNDLED_TESSDATA } from './tessdata.ts';
export { loadPdfjs, pdfjsAssets, type PdfJs } from './pdfjs.ts';
export type { Affine, Box, OcrDocument, OcrLine, OcrPage, OcrWord } from './types.ts';
export {
  extractLetter,
  FIELD_NAMES,
  type ExtractContext,
  type FieldName,
  type FieldSource,
  type LetterExtraction,
  type LetterFields,
} from './extract/extractLetter.ts';
export { CorrespondentRegistry, type CorrespondentType, type KnownCorrespondent } from './extract/org.ts';
export { analyseDocument, analyseScan, mergeDocuments, type IntakeResult } from './intake.ts';
export { duplicateScore, findDuplicate, fingerprintOf, type DuplicateMatch, type Fingerprint } from './dedupe.ts';
export {
  ExecutorModel,
  type CardToRoute,
  type ExecutorModelState,
  type ExecutorSuggestion,
  type ResolutionSuggestion,
  type RoutedCard,
} from './models/executorModel.ts';
export { TopicModel, type TopicModelState } from './models/topicModel.ts';
export { buildExtractContext, loadHistory, loadOrganisation, type HistoryCard, type OrganisationProfile } from './orgContext.ts';

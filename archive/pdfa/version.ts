// Identifies the checker in PDF/A reports stored in packages, so a later reader knows which
// rules produced them. Bump the version when rules change.
export const VALIDATOR = { name: 'kartoteka-pdfa', version: '1.0.0', profile: 'ISO 19005-2/-3 level B, veraPDF rule ids' } as const;

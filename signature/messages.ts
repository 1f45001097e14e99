// Report texts for each outcome, in English and Russian.
import type { SubIndication } from './report.ts';

export const MESSAGES: Record<SubIndication | 'PASSED', [string, string]> = {
  PASSED: ['The signature is valid.', 'Подпись действительна.'],
  FORMAT_FAILURE: ['The signature is not a well-formed CMS/CAdES structure.', 'Подпись не соответствует формату CMS/CAdES.'],
  HASH_FAILURE: ['The signed data has been changed after signing (digest mismatch).', 'Подписанные данные изменены после подписания (хэш не совпадает).'],
  SIG_CRYPTO_FAILURE: ['The signature value does not verify with the signer’s public key.', 'Значение подписи не проверяется открытым ключом подписанта.'],
  REVOKED: ['The signer’s certificate was revoked before the signature time.', 'Сертификат подписанта отозван до момента подписания.'],
  EXPIRED: ['The signer’s certificate had expired when the signature was made.', 'Срок действия сертификата подписанта истёк до момента подписания.'],
  NOT_YET_VALID: ['The signer’s certificate was not yet valid when the signature was made.', 'Сертификат подписанта ещё не действовал в момент подписания.'],
  NO_SIGNING_CERTIFICATE_FOUND: ['The signer’s certificate was not found.', 'Сертификат подписанта не найден.'],
  NO_CERTIFICATE_CHAIN_FOUND: ['No certificate chain to a trusted root was found.', 'Не построена цепочка сертификатов до доверенного корневого сертификата.'],
  CHAIN_CONSTRAINTS_FAILURE: ['The certificate chain violates constraints (CA flags, key usage, name or policy constraints, critical extensions).', 'Цепочка сертификатов нарушает ограничения (признак УЦ, назначение ключа, ограничения имён или политик, критичные расширения).'],
  CRYPTO_CONSTRAINTS_FAILURE: ['The algorithm or key of the signature is not supported.', 'Алгоритм или ключ подписи не поддерживается.'],
  OUT_OF_BOUNDS_NO_POE: ['A certificate of the chain is outside its validity period and there is no proof the signature existed before.', 'Сертификат цепочки вне срока действия, и нет доказательства существования подписи до его окончания.'],
  REVOKED_NO_POE: ['A certificate was revoked and there is no proof the signature existed before.', 'Сертификат отозван, и нет доказательства существования подписи до отзыва.'],
  TRY_LATER: ['No fresh revocation information (CRL/OCSP) is available for the signer’s certificate.', 'Нет актуальных сведений об отзыве (СОС/OCSP) для сертификата подписанта.'],
  SIGNED_DATA_NOT_FOUND: ['The signed data is missing (detached signature without the document).', 'Отсутствуют подписанные данные (откреплённая подпись без документа).'],
  GENERIC: ['The signature could not be validated.', 'Подпись не удалось проверить.'],
};

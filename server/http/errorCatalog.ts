// Every error the API can return, with its HTTP status and messages in Russian and English.
// Codes are stable: clients and scripts branch on them, so a code is never renamed or reused.

export interface ErrorDefinition {
  status: number;
  ru: string;
  en: string;
}

export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, ru: 'Запрос не прошёл проверку', en: 'The request is invalid' },
  MALFORMED_JSON: { status: 400, ru: 'Тело запроса не является корректным JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, ru: 'Неподдерживаемый тип содержимого', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, ru: 'Слишком большой запрос', en: 'The request body is too large' },
  INVALID_CURSOR: { status: 400, ru: 'Некорректный курсор постраничного вывода', en: 'Invalid pagination cursor' },
  AUTH_REQUIRED: { status: 401, ru: 'Требуется вход в систему', en: 'Authentication required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, ru: 'Неверный логин или пароль', en: 'Wrong login or password' },
  AUTH_LOCKED: {
    status: 429,
    ru: 'Слишком много неудачных попыток входа. Повторите позже',
    en: 'Too many failed login attempts. Try again later',
  },
  AUTH_THROTTLED: { status: 429, ru: 'Слишком много запросов. Повторите позже', en: 'Too many requests. Try again later' },
  AUTH_TOKEN_INVALID: { status: 401, ru: 'Недействительный API-токен', en: 'Invalid API token' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    ru: 'Отсутствует или неверен CSRF-токен. Обновите страницу',
    en: 'Missing or invalid CSRF token. Reload the page',
  },
  FORBIDDEN: { status: 403, ru: 'Недостаточно прав для этого действия', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, ru: 'Объект не найден', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, ru: 'Адрес API не найден', en: 'No such API endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, ru: 'Метод не поддерживается', en: 'Method not allowed' },
  CONFLICT: { status: 409, ru: 'Конфликт с текущим состоянием данных', en: 'Conflict with the current state' },
  LOGIN_TAKEN: { status: 409, ru: 'Такой логин уже занят', en: 'This login is already taken' },
  PRECONDITION_REQUIRED: {
    status: 428,
    ru: 'Для изменения нужен заголовок If-Match с версией объекта',
    en: 'This change needs an If-Match header with the object version',
  },
  PRECONDITION_FAILED: {
    status: 412,
    ru: 'Объект изменён другим пользователем. Обновите данные и повторите',
    en: 'The object was changed by someone else. Reload and try again',
  },
  JOB_NOT_RETRYABLE: { status: 409, ru: 'Задание нельзя перезапустить в этом состоянии', en: 'The job cannot be retried in its state' },
  BLOB_RETENTION_HOLD: {
    status: 409,
    ru: 'Удаление запрещено: действует запрет уничтожения',
    en: 'Deletion refused: a retention hold is in place',
  },
  BLOB_TOO_LARGE: { status: 413, ru: 'Файл превышает допустимый размер', en: 'The file exceeds the size limit' },
  RANGE_NOT_SATISFIABLE: { status: 416, ru: 'Запрошенный диапазон байтов вне файла', en: 'The requested byte range is outside the file' },
  CARD_TRANSITION_FORBIDDEN: { status: 409, ru: 'Недопустимая смена состояния карточки', en: 'This status change is not allowed' },
  CARD_FIELDS_INVALID: { status: 422, ru: 'Поля вида документа заполнены неверно', en: 'The document kind’s fields are invalid' },
  JOURNAL_NOT_FOUND: { status: 422, ru: 'Не найден действующий журнал регистрации для этого вида документа', en: 'No active registration journal for this document kind' },
  NUMBER_TEMPLATE_INVALID: { status: 422, ru: 'Шаблон номера не может быть применён', en: 'The number template cannot be applied' },
  SCHEMA_INVALID: { status: 422, ru: 'Схема полей некорректна', en: 'The field schema is invalid' },
  STAFF_LINK_REQUIRED: {
    status: 422,
    ru: 'Учётная запись не связана с сотрудником: действие выполняется от имени сотрудника',
    en: 'This account is not linked to a staff member, which this action needs',
  },
  NOT_ASSIGNMENT_PARTICIPANT: { status: 403, ru: 'Вы не исполнитель и не контролёр этого поручения', en: 'You are neither the executor nor the controller of this assignment' },
  ASSIGNMENT_STATE_CONFLICT: { status: 409, ru: 'Поручение в другом состоянии', en: 'The assignment is in another state' },
  DEADLINE_AFTER_PARENT: { status: 422, ru: 'Срок подпоручения не может быть позже срока исходного поручения', en: 'A sub-assignment cannot be due after its parent' },
  CARD_NOT_IN_WORK: { status: 409, ru: 'Резолюцию можно дать только по зарегистрированному документу', en: 'Resolutions need a registered document' },
  // Records management (issue 6): nomenclature, cases, inventories, destruction.
  NOMENCLATURE_INDEX_TAKEN: { status: 409, ru: 'Индекс дела уже есть в номенклатуре этого года', en: 'This case index is already in the year’s nomenclature' },
  NOMENCLATURE_ITEM_IN_USE: { status: 409, ru: 'По этой статье номенклатуры уже заведено дело', en: 'A case has already been opened from this nomenclature item' },
  RETENTION_TERM_INVALID: { status: 422, ru: 'Срок хранения задан неверно: для срока в годах укажите число лет (1–100)', en: 'Invalid retention term: a term in years needs 1–100 years' },
  CASE_ALREADY_OPENED: { status: 409, ru: 'Дело по этому индексу за этот год уже заведено', en: 'The case for this index and year has already been opened' },
  CASE_NOT_FOUND: { status: 422, ru: 'Дело не найдено', en: 'No such case' },
  CASE_CLOSED: { status: 409, ru: 'Дело закрыто: документы в него больше не подшиваются', en: 'The case is closed: no more documents can be filed in it' },
  CASE_YEAR_MISMATCH: { status: 422, ru: 'Документ относится к другому году, чем дело', en: 'The document belongs to another year than the case' },
  CASE_TRANSITION_FORBIDDEN: { status: 409, ru: 'Недопустимая смена состояния дела', en: 'This status change of the case is not allowed' },
  CASE_CLOSE_DATE_INVALID: { status: 422, ru: 'Дата закрытия дела вне допустимого периода', en: 'The closing date of the case is out of range' },
  CASE_REFERENCE_REQUIRED: { status: 422, ru: 'Укажите индекс дела или дело', en: 'Give a case index or a case' },
  LEGAL_HOLD_REASON_REQUIRED: { status: 422, ru: 'Укажите основание запрета уничтожения', en: 'Give the reason for the legal hold' },
  CASE_LEGAL_HOLD: { status: 409, ru: 'Дело под запретом уничтожения (судебное или иное основание)', en: 'The case is under a legal hold and cannot be destroyed' },
  INVENTORY_CASES_INVALID: { status: 422, ru: 'В опись можно включить только закрытые дела соответствующего срока хранения, не вошедшие в другую опись', en: 'An inventory may list only closed cases of its kind that are in no other inventory' },
  INVENTORY_EMPTY: { status: 422, ru: 'В описи нет ни одного дела', en: 'The inventory lists no cases' },
  INVENTORY_NOT_DRAFT: { status: 409, ru: 'Опись утверждена: её содержание изменить нельзя', en: 'The inventory is approved: its content is frozen' },
  INVENTORY_NOT_APPROVED: { status: 409, ru: 'Опись ещё не утверждена', en: 'The inventory is not approved yet' },
  INVENTORY_TRANSFERRED: { status: 409, ru: 'Дела этой описи уже переданы в архив', en: 'The cases of this inventory have already been transferred' },
  DESTRUCTION_CASES_INVALID: { status: 422, ru: 'К уничтожению можно выделить только закрытые дела с истёкшим сроком хранения, не постоянного хранения', en: 'Only closed, non-permanent cases whose retention has expired can be selected for destruction' },
  DESTRUCTION_ACT_EMPTY: { status: 422, ru: 'В акте нет ни одного дела', en: 'The act lists no cases' },
  DESTRUCTION_NEEDS_PERMANENT_INVENTORY: { status: 409, ru: 'Акт о выделении к уничтожению утверждается после утверждения описей дел постоянного хранения за тот же период, согласованных ЭПК архивного учреждения', en: 'A destruction act is approved only after the inventories of permanent cases of the same years are approved and agreed by the archive’s expert commission' },
  DESTRUCTION_ACT_STATE: { status: 409, ru: 'Действие недоступно в текущем состоянии акта', en: 'This action is not available in the act’s current state' },
  EXPERT_REVIEW_REQUIRED: { status: 409, ru: 'Утвердить можно только после согласования с экспертно-проверочной комиссией (ЭПК)', en: 'Approval needs the expert commission’s agreement first' },
  EXPERT_REVIEW_STATE: { status: 409, ru: 'Действие недоступно на текущем этапе согласования с ЭПК', en: 'This action is not available at the current stage of the expert commission’s review' },
  EXPERT_PROTOCOL_INVALID: { status: 422, ru: 'Неверно указан протокол ЭПК (номер и дата не позже сегодняшней)', en: 'Invalid protocol of the expert commission (a number and a date not after today)' },
  EXPERT_REMARKS_REQUIRED: { status: 422, ru: 'Укажите замечания ЭПК, с которыми документ возвращается на доработку', en: 'Give the commission’s remarks the document is returned with' },
  ARCHIVE_REVIEW_NOT_REQUIRED: { status: 409, ru: 'С ЭПК архивного учреждения согласуются только описи дел постоянного хранения и по личному составу', en: 'Only inventories of permanent and of personnel cases are agreed by the archive’s expert commission' },
  INVENTORY_NUMBERING_INVALID: { status: 422, ru: 'Неверные номера дел по описи: номера идут по возрастанию без повторов, литерный номер (12а) следует за своим номером', en: 'Invalid case numbers: they must increase without repeats, and a lettered number (12а) follows its own number' },
  SERVICE_UNAVAILABLE: { status: 503, ru: 'Сервис временно недоступен', en: 'Service temporarily unavailable' },
  INTERNAL_ERROR: { status: 500, ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
} satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalog;

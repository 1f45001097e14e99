// Per-kind card fields: a JSON Schema per organisation and kind, edited by administrators without code.
// These are the defaults an organisation starts with.
import type { CardKind } from '../models/Card.ts';

export type JsonSchema = Record<string, unknown>;

export const defaultKindSchemas: Record<CardKind, JsonSchema> = {
  incoming: {
    type: 'object',
    additionalProperties: false,
    properties: {
      responseRequired: { type: 'boolean', title: 'Требуется ответ' },
      incomingChannel: { type: 'string', title: 'Канал поступления', enum: ['почта', 'курьер', 'электронная почта', 'СЭД/МЭДО', 'факс', 'лично'] },
    },
  },
  outgoing: {
    type: 'object',
    additionalProperties: false,
    properties: {
      executorName: { type: 'string', title: 'Исполнитель', maxLength: 200 },
      executorPhone: { type: 'string', title: 'Телефон исполнителя', maxLength: 50 },
    },
  },
  internal: {
    type: 'object',
    additionalProperties: false,
    properties: { documentType: { type: 'string', title: 'Вид документа', enum: ['служебная записка', 'распоряжение', 'приказ', 'протокол', 'акт'] } },
  },
  appeal: {
    type: 'object',
    additionalProperties: false,
    properties: {
      citizenAddress: { type: 'string', title: 'Почтовый адрес заявителя', maxLength: 500 },
      citizenEmail: { type: 'string', title: 'Электронная почта заявителя', format: 'email' },
      form: { type: 'string', title: 'Форма обращения', enum: ['письменное', 'электронное', 'устное'] },
      appealType: { type: 'string', title: 'Вид обращения', enum: ['заявление', 'предложение', 'жалоба'] },
      collective: { type: 'boolean', title: 'Коллективное' },
      anonymous: { type: 'boolean', title: 'Анонимное' },
      topicCode: { type: 'string', title: 'Код тематического классификатора', pattern: '^\\d{4}(\\.\\d{4}){0,4}$' },
    },
  },
  draft: {
    type: 'object',
    additionalProperties: false,
    properties: {
      npaType: { type: 'string', title: 'Вид НПА', enum: ['постановление', 'распоряжение', 'решение'] },
      anticorruptionReview: { type: 'boolean', title: 'Требуется антикоррупционная экспертиза' },
    },
  },
  service_application: {
    type: 'object',
    additionalProperties: false,
    properties: {
      serviceCode: { type: 'string', title: 'Код услуги (реестр)', maxLength: 50 },
      applicantType: { type: 'string', title: 'Заявитель', enum: ['физическое лицо', 'индивидуальный предприниматель', 'юридическое лицо'] },
      channel: { type: 'string', title: 'Канал подачи', enum: ['ЕПГУ', 'МФЦ', 'лично', 'почта'] },
      termWorkingDays: { type: 'integer', title: 'Срок предоставления, рабочих дней', minimum: 1, maximum: 365 },
    },
  },
};

// The demo organisation of a fresh embedded install: a fictional city administration with a realistic
// structure, so that every screen has something to show.
import type { Role } from '../models/User.ts';

export const demoOrganisation = {
  name: 'Администрация городского округа Заречный',
  shortName: 'Администрация г.о. Заречный',
  inn: '6639002098',
  ogrn: '1026601983055',
  address: '624250, Свердловская область, г. Заречный, ул. Невского, д. 3',
};

export interface DemoDepartment {
  code: string;
  name: string;
  parent?: string;
}

export const demoDepartments: DemoDepartment[] = [
  { code: '01', name: 'Аппарат главы городского округа' },
  { code: '01-1', name: 'Организационный отдел (канцелярия)', parent: '01' },
  { code: '01-2', name: 'Отдел по работе с обращениями граждан', parent: '01' },
  { code: '02', name: 'Юридический отдел' },
  { code: '03', name: 'Управление жилищно-коммунального хозяйства' },
  { code: '03-1', name: 'Отдел благоустройства', parent: '03' },
  { code: '04', name: 'Управление образования' },
  { code: '05', name: 'Отдел архитектуры и градостроительства' },
  { code: '06', name: 'Финансовое управление' },
  { code: '07', name: 'Архивный отдел' },
  { code: '08', name: 'Отдел информационных технологий' },
  { code: '09', name: 'Контрольно-ревизионный отдел' },
];

export interface DemoPerson {
  login: Role;
  roles: Role[];
  lastName: string;
  firstName: string;
  middleName: string;
  department: string;
  position: string;
}

export const demoPeople: DemoPerson[] = [
  { login: 'admin', roles: ['admin'], lastName: 'Смирнов', firstName: 'Денис', middleName: 'Олегович', department: '08', position: 'Начальник отдела информационных технологий' },
  { login: 'clerk', roles: ['clerk'], lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', department: '01-1', position: 'Ведущий специалист (делопроизводитель)' },
  { login: 'manager', roles: ['manager'], lastName: 'Сергеев', firstName: 'Алексей', middleName: 'Николаевич', department: '01', position: 'Глава городского округа' },
  { login: 'executor', roles: ['executor'], lastName: 'Кузнецова', firstName: 'Ольга', middleName: 'Викторовна', department: '03-1', position: 'Главный специалист отдела благоустройства' },
  { login: 'lawyer', roles: ['lawyer'], lastName: 'Павлов', firstName: 'Игорь', middleName: 'Сергеевич', department: '02', position: 'Начальник юридического отдела' },
  { login: 'archivist', roles: ['archivist'], lastName: 'Белова', firstName: 'Наталья', middleName: 'Андреевна', department: '07', position: 'Главный специалист-архивист' },
  { login: 'auditor', roles: ['auditor'], lastName: 'Орлов', firstName: 'Виктор', middleName: 'Павлович', department: '09', position: 'Начальник контрольно-ревизионного отдела' },
];

export const demoJournals = [
  { kind: 'incoming', name: 'Входящие документы', prefix: 'Вх', numberTemplate: '{prefix}-{seq}/{year}' },
  { kind: 'outgoing', name: 'Исходящие документы', prefix: 'Исх', numberTemplate: '{prefix}-{seq}/{year}' },
  { kind: 'internal', name: 'Внутренние документы', prefix: 'Вн', numberTemplate: '{prefix}-{seq}/{year}' },
  { kind: 'appeal', name: 'Обращения граждан', prefix: 'ОГ', numberTemplate: '{prefix}-{seq}/{year}' },
  { kind: 'draft', name: 'Проекты нормативных правовых актов', prefix: 'ПНПА', numberTemplate: '{prefix}-{seq}/{year}' },
  { kind: 'service_application', name: 'Заявления на государственные и муниципальные услуги', prefix: 'У', numberTemplate: '{prefix}-{seq}/{year}' },
];

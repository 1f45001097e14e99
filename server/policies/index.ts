// Every permission check goes through this module: one table says which roles may do what.
import type { Role } from '../models/User.ts';
import { AppError } from '../http/problem.ts';

export const permissions = {
  'org.read': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor'],
  'org.manage': ['admin'],
  'users.read': ['admin', 'auditor'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'audit.verify': ['admin', 'auditor'],
  'jobs.read': ['admin'],
  'jobs.manage': ['admin'],
  'journals.read': ['admin', 'clerk', 'manager', 'archivist', 'auditor'],
  'journals.manage': ['admin'],
  'cards.read': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor'],
  // Cards with an access mark (ДСП) are visible to the records office and to the people working on them.
  'cards.read_restricted': ['admin', 'clerk', 'archivist'],
  'cards.register': ['admin', 'clerk'],
  'cards.edit': ['admin', 'clerk'],
  'cards.schema': ['admin'],
  // Filing a document in a case (списание в дело): the records office and the archivist.
  'cards.file': ['admin', 'clerk', 'archivist'],
  'correspondents.manage': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist'],
  'resolutions.write': ['admin', 'clerk', 'manager'],
  'assignments.work': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist'],
  // Approval routes (согласование): the records office, legal staff and managers build and start them; a visa is
  // given by whoever is an approver of the active stage (checked by the command), whatever their role.
  'approvals.manage': ['admin', 'clerk', 'lawyer', 'manager'],
  'approvals.decide': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist'],
  // Citizens' appeals (59-FZ): the head (manager) extends the term (art. 12 part 2); the records office, on the head's
  // instruction, forwards by competence (art. 8 part 3) and records the result of consideration.
  'appeals.extend': ['admin', 'manager'],
  'appeals.consider': ['admin', 'clerk', 'manager'],
  // A recorded result is corrected by the head or an administrator only, with a reason; the earlier one is kept.
  'appeals.correct': ['admin', 'manager'],
  'calendar.manage': ['admin'],
  'reports.read': ['admin', 'clerk', 'manager', 'auditor'],
  'files.read': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor'],
  'files.upload': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist'],
  // Records management: nomenclature, cases, inventories, destruction, transfer (issue 6).
  'archive.read': ['admin', 'clerk', 'manager', 'lawyer', 'archivist', 'auditor'],
  'archive.manage': ['admin', 'archivist'],
  // Opening and closing cases is the records office's daily work as much as the archivist's.
  'archive.cases': ['admin', 'clerk', 'archivist'],
  'archive.approve': ['admin', 'archivist', 'manager'],
  // Recording the expert commission's decision (протокол ЭПК): its secretary — usually the archivist — or a member.
  'archive.expert_review': ['admin', 'archivist', 'manager'],
  'archive.legal_hold': ['admin', 'archivist', 'lawyer'],
  'self.manage': ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export interface Principal {
  roles: readonly Role[];
}

export function can(principal: Principal | null, permission: Permission): boolean {
  if (!principal) return false;
  const allowed: readonly Role[] = permissions[permission];
  return principal.roles.some((r) => allowed.includes(r));
}

export function authorize(principal: Principal | null, permission: Permission): void {
  if (!principal) throw new AppError('AUTH_REQUIRED');
  if (!can(principal, permission)) throw new AppError('FORBIDDEN');
}

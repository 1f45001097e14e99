import type { MessageKey } from '../i18n/ru.ts';

// Audit action codes of a card's history that have a human name; others are shown as their code.
const NAMES: Readonly<Record<string, MessageKey>> = {
  'card.created': 'history.created',
  'card.registered': 'history.registered',
  'card.updated': 'history.updated',
  'card.cancelled': 'history.cancelled',
  'card.files_attached': 'history.filesAttached',
  'card.in_work': 'history.inWork',
  'card.executed': 'history.executed',
  'card.filed': 'history.filed',
  'card.archived': 'history.archived',
  'appeal.result_recorded': 'history.appealResult',
  'appeal.result_corrected': 'history.appealResultCorrected',
  'resolution.issued': 'history.resolution',
  'assignment.subassigned': 'history.subassigned',
  'assignment.deadline_changed': 'history.assignmentDeadline',
  'signature.verified': 'history.signatureVerified',
  'signature.reverify_requested': 'history.signatureReverify',
  'approval.route_created': 'history.approvalCreated',
  'approval.route_updated': 'history.approvalUpdated',
  'approval.started': 'history.approvalStarted',
  'approval.decided': 'history.approvalDecided',
  'approval.stage_passed': 'history.approvalStagePassed',
  'approval.approved': 'history.approvalApproved',
  'approval.rejected': 'history.approvalRejected',
  'approval.withdrawn': 'history.approvalWithdrawn',
  'approval.sheet_stored': 'history.approvalSheet',
  'appeal.receipt_issued': 'history.receiptIssued',
  'appeal.status_code_issued': 'history.statusCodeIssued',
  'appeal.term_extended': 'history.appealExtended',
  'appeal.forwarded': 'history.appealForwarded',
};

export function historyActionKey(action: string): MessageKey | null {
  return NAMES[action] ?? null;
}

/** An assignment event's name (`GET /api/assignments/:id` → events[].type). */
const EVENT_NAMES: Readonly<Record<string, MessageKey>> = {
  reported: 'event.reported',
  accepted: 'event.accepted',
  returned: 'event.returned',
  extension_requested: 'event.extensionRequested',
  extension_approved: 'event.extensionApproved',
  extension_rejected: 'event.extensionRejected',
  deadline_changed: 'event.deadlineChanged',
};

export function assignmentEventKey(type: string): MessageKey | null {
  return EVENT_NAMES[type] ?? null;
}

/** System actors of the audit log (no user account behind them) that have a human name. */
const ACTOR_NAMES: Readonly<Record<string, MessageKey>> = {
  'system:internet-reception': 'history.actorReception',
};

export function historyActorKey(login: string): MessageKey | null {
  return ACTOR_NAMES[login] ?? null;
}

/** Who an audit entry names, for people: a user's login, a system actor's name, or «система» when none. */
export function actorLabel(login: string | null, translate: (key: MessageKey) => string): string {
  if (login === null) return translate('common.system');
  const key = historyActorKey(login);
  return key ? translate(key) : login;
}

/** The absent person a deputy acted for (замещение), from an audit entry's payload (`onBehalfOf.name`); null otherwise. */
export function onBehalfOfName(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('onBehalfOf' in payload)) return null;
  const principal: unknown = payload.onBehalfOf;
  if (typeof principal !== 'object' || principal === null || !('name' in principal)) return null;
  return typeof principal.name === 'string' && principal.name !== '' ? principal.name : null;
}

// Call points for other parts of the archive (packages, fixity, search) that must react to records-management
// events. Hooks run inside the business transaction of the event, so a hook that enqueues a job (the usual case)
// enqueues it exactly when the event commits; a hook that throws rolls the event back.
import type { WriteUnit } from '../http/route.ts';
import type { Case } from '../models/Case.ts';
import type { Inventory } from '../models/Inventory.ts';
import type { DestructionAct } from '../models/DestructionAct.ts';

export type CaseClosedHook = (unit: WriteUnit, closed: Case) => Promise<void>;
export type InventoryApprovedHook = (unit: WriteUnit, inventory: Inventory, caseIds: string[]) => Promise<void>;
export type CasesDestroyedHook = (unit: WriteUnit, act: DestructionAct, destroyed: { caseIds: string[]; cardIds: string[] }) => Promise<void>;
export type ActApprovedHook = (unit: WriteUnit, act: DestructionAct, caseIds: string[]) => Promise<void>;
/** Returns what it wants said in the hold's audit entry (merged into its payload), if anything. */
export type LegalHoldHook = (unit: WriteUnit, changed: Case, held: boolean) => Promise<Record<string, unknown> | void>;

const caseClosed: CaseClosedHook[] = [];
const inventoryApproved: InventoryApprovedHook[] = [];
const casesDestroyed: CasesDestroyedHook[] = [];
const actApproved: ActApprovedHook[] = [];
const legalHoldChanged: LegalHoldHook[] = [];

/** Registers a hook run when a case is closed (individually or at year end). */
export function onCaseClosed(hook: CaseClosedHook): void {
  caseClosed.push(hook);
}
/** Registers a hook run when an inventory is approved (content and PDF/A frozen). */
export function onInventoryApproved(hook: InventoryApprovedHook): void {
  inventoryApproved.push(hook);
}
/** Registers a hook run when a destruction act is executed, after the cards were purged. */
export function onCasesDestroyed(hook: CasesDestroyedHook): void {
  casesDestroyed.push(hook);
}

/** Registers a hook run when a destruction act is approved (content and PDF/A frozen), before it is executed. */
export function onDestructionActApproved(hook: ActApprovedHook): void {
  actApproved.push(hook);
}

/** Registers a hook run when a legal hold is placed on a case or released, before the event's audit entry. */
export function onLegalHoldChanged(hook: LegalHoldHook): void {
  legalHoldChanged.push(hook);
}

export async function runCaseClosed(unit: WriteUnit, closed: Case): Promise<void> {
  for (const hook of caseClosed) await hook(unit, closed);
}
export async function runInventoryApproved(unit: WriteUnit, inventory: Inventory, caseIds: string[]): Promise<void> {
  for (const hook of inventoryApproved) await hook(unit, inventory, caseIds);
}
export async function runCasesDestroyed(unit: WriteUnit, act: DestructionAct, destroyed: { caseIds: string[]; cardIds: string[] }): Promise<void> {
  for (const hook of casesDestroyed) await hook(unit, act, destroyed);
}
export async function runDestructionActApproved(unit: WriteUnit, act: DestructionAct, caseIds: string[]): Promise<void> {
  for (const hook of actApproved) await hook(unit, act, caseIds);
}
export async function runLegalHoldChanged(unit: WriteUnit, changed: Case, held: boolean): Promise<Record<string, unknown>> {
  const said: Record<string, unknown> = {};
  for (const hook of legalHoldChanged) Object.assign(said, await hook(unit, changed, held));
  return said;
}

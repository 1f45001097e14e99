import type { Registrar } from '../commands/cards/registerNewCards.ts';

// Who the audit log names for what a citizen does through the internet reception. There is no user account behind
// it, so the entry has no actor id; the login says plainly that the change came from outside, through the reception.
export const RECEPTION_ACTOR = { id: null, login: 'system:internet-reception' } as const;


export const receptionRegistrar: Registrar = { userId: null, login: RECEPTION_ACTOR.login };

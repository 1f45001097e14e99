// The receiving organisation as the extractor needs it (ocr/orgContext.ts OrganisationProfile): its names and INN so
// that it is never proposed as the correspondent, its own staff («Киселёв М.Н.») and position and department titles to
// recognise and repair the addressee, and its own e-mails and phones so they are not taken for the sender's.
import type { Knex } from 'knex';
import type { KnownCorrespondent, OrganisationProfile } from '../../ocr/index.ts';

/** Enough for any real administration; the extractor only compares strings against these lists. */
const MAX_ROWS = 5000;

const initial = (name: string | null): string => (name ? `${name.trim().charAt(0).toUpperCase()}.` : '');

export async function recipientProfile(knex: Knex, orgId: string): Promise<OrganisationProfile> {
  const org = (await knex('organisations').where({ id: orgId }).first('name', 'short_name', 'inn')) as { name: string; short_name: string | null; inn: string | null };
  const staff = (await knex('staff').where({ org_id: orgId }).limit(MAX_ROWS).select('last_name', 'first_name', 'middle_name', 'email', 'phone')) as {
    last_name: string;
    first_name: string;
    middle_name: string | null;
    email: string | null;
    phone: string | null;
  }[];
  const positions = (await knex('positions').where({ org_id: orgId }).limit(MAX_ROWS).distinct('title')) as { title: string }[];
  const departments = (await knex('departments').where({ org_id: orgId }).limit(MAX_ROWS).distinct('name')) as { name: string }[];
  return {
    name: org.name,
    aliases: org.short_name ? [org.short_name] : [],
    inn: org.inn,
    staff: staff.map((s) => `${s.last_name} ${initial(s.first_name)}${initial(s.middle_name)}`),
    titles: [...positions.map((p) => p.title), ...departments.map((d) => d.name)],
    emails: staff.flatMap((s) => (s.email ? [s.email.toLowerCase()] : [])),
    phones: staff.flatMap((s) => (s.phone ? [s.phone] : [])),
  };
}

/** How many of the organisation's recent senders the extractor compares a letterhead with, and from how far back. */
const KNOWN_SENDERS = 2000;
const SENDERS_WITHIN_DAYS = 365;
// Every status a registered card can have: lets cards_org_status (org_id, status, reg_date) bound the scan by date.
const REGISTERED = ['registered', 'in_work', 'executed', 'filed', 'archived', 'cancelled'];

/**
 * The organisations that wrote in the last year, most recent first (citizens excluded: a name alone does not
 * identify them), as the extractor's registry of known correspondents — the server's counterpart of the CLI's
 * history file. Bounded by date so that an autofill job never reads the whole card table.
 */
export async function knownCorrespondents(knex: Knex, orgId: string, today: Date = new Date()): Promise<KnownCorrespondent[]> {
  const since = new Date(today.getTime() - SENDERS_WITHIN_DAYS * 86_400_000).toISOString().slice(0, 10);
  const recent = knex('cards')
    .where('org_id', orgId)
    .whereIn('status', REGISTERED)
    .where('reg_date', '>=', since)
    .whereNotNull('correspondent_id')
    .groupBy('correspondent_id')
    .select('correspondent_id', knex.raw('max(reg_date) AS last'))
    .as('r');
  const rows = (await knex('correspondents as k')
    .join(recent, 'r.correspondent_id', 'k.id')
    .where('k.org_id', orgId)
    .whereNot('k.type', 'citizen')
    .orderBy('r.last', 'desc')
    .limit(KNOWN_SENDERS)
    .select('k.name', 'k.type')) as { name: string; type: string }[];
  return rows.map((r) => ({ name: r.name, type: r.type === 'government' || r.type === 'municipal' ? r.type : 'company' }));
}

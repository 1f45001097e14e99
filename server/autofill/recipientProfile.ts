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

/** How many of the organisation's recent senders the extractor compares a letterhead with. */
const KNOWN_SENDERS = 2000;

/**
 * The organisations that wrote most recently (citizens excluded: a name alone does not identify them), as the
 * extractor's registry of known correspondents — the server's counterpart of the CLI's history file.
 */
export async function knownCorrespondents(knex: Knex, orgId: string): Promise<KnownCorrespondent[]> {
  const rows = (await knex('correspondents as k')
    .join('cards as c', 'c.correspondent_id', 'k.id')
    .where({ 'k.org_id': orgId, 'c.org_id': orgId })
    .whereNot('k.type', 'citizen')
    .groupBy('k.id', 'k.name', 'k.type')
    .orderByRaw('max(c.created_at) DESC')
    .limit(KNOWN_SENDERS)
    .select('k.name', 'k.type')) as { name: string; type: string }[];
  return rows.map((r) => ({ name: r.name, type: r.type === 'government' || r.type === 'municipal' ? r.type : 'company' }));
}

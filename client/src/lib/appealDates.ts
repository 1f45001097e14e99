// Date arithmetic the appeal dialogs need before the server decides: the latest new deadline the form offers.
// The server applies the production calendar (a day off moves to the next working day) and has the last word.

/** `days` calendar days after an ISO date (YYYY-MM-DD), as an ISO date. */
export function addIsoDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

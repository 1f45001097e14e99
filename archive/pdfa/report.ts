// The shape of a conformance report. `rule` is the veraPDF rule id (clause-test), so our
// findings can be compared one-to-one with the reference implementation.

export interface PdfaError {
  rule: string;
  clause: string;
  message: string;
}

export interface PdfaReport {
  conformant: boolean;
  profile: 'PDF/A-2B' | 'PDF/A-3B';
  errors: PdfaError[];
}

export class Findings {
  private readonly seen = new Set<string>();
  readonly errors: PdfaError[] = [];
  /** `clause` defaults to the rule id without its test number. */
  add(rule: string, message: string, clause?: string): void {
    // One entry per rule and message is enough: a file with 500 bad objects is no more non-conformant.
    const key = `${rule}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.errors.push({ rule, clause: clause ?? rule.replace(/-\d+$/, ''), message });
  }
}

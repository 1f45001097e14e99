// Keyboard shortcuts: "?" alone, and two-key sequences starting with "g" (as in many web apps),
// so that no single letter typed by accident changes the page. Letters are matched by physical
// key (KeyboardEvent.code) so the shortcuts work with the Russian layout switched on.

export type ShortcutAction =
  | { kind: 'help' }
  | { kind: 'home' }
  | { kind: 'sessions' }
  | { kind: 'language' }
  | { kind: 'nth'; index: number };

export interface KeyInput {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when focus is in a text field, where keys belong to the field. */
  inEditable: boolean;
}

/** What the help dialog lists; the reader below must accept exactly these. */
export const SHORTCUTS: readonly { keys: readonly string[]; action: ShortcutAction['kind'] }[] = [
  { keys: ['?'], action: 'help' },
  { keys: ['g', 'h'], action: 'home' },
  { keys: ['g', 's'], action: 'sessions' },
  { keys: ['g', '1…9'], action: 'nth' },
  { keys: ['g', 'l'], action: 'language' },
];

const SECOND_KEY: Readonly<Record<string, ShortcutAction>> = {
  KeyH: { kind: 'home' },
  KeyS: { kind: 'sessions' },
  KeyL: { kind: 'language' },
};

export class ShortcutReader {
  private pendingG = false;

  /** Returns the action a key press completes, or null (the key then belongs to the page). */
  read(input: KeyInput): ShortcutAction | null {
    if (input.inEditable || input.ctrlKey || input.metaKey || input.altKey) {
      this.pendingG = false;
      return null;
    }
    if (this.pendingG) {
      this.pendingG = false;
      const action = SECOND_KEY[input.code];
      if (action) return action;
      const digit = /^Digit([1-9])$/.exec(input.code) ?? /^Numpad([1-9])$/.exec(input.code);
      return digit ? { kind: 'nth', index: Number(digit[1]) - 1 } : null;
    }
    // On the Russian layout Shift+7 types "?" and Shift+Slash types ",".
    if (input.key === '?' || (input.code === 'Slash' && input.shiftKey)) return { kind: 'help' };
    if (input.code === 'KeyG' && !input.shiftKey) this.pendingG = true;
    return null;
  }
}

export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(target.type);
}

import { describe, expect, test } from 'vitest';
import { SHORTCUTS, ShortcutReader, type KeyInput, type ShortcutAction } from './shortcuts.ts';

const key = (code: string, key: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key,
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inEditable: false,
  ...extra,
});

describe('ShortcutReader', () => {
  test('"?" opens help on both the Latin and the Russian layout', () => {
    const reader = new ShortcutReader();
    expect(reader.read(key('Slash', '?', { shiftKey: true }))).toEqual({ kind: 'help' });
    expect(reader.read(key('Digit7', '?', { shiftKey: true }))).toEqual({ kind: 'help' });
    expect(reader.read(key('Slash', ',', { shiftKey: true }))).toEqual({ kind: 'help' });
  });

  test('g sequences work by physical key, also when the layout types Cyrillic', () => {
    const reader = new ShortcutReader();
    expect(reader.read(key('KeyG', 'п'))).toBeNull();
    expect(reader.read(key('KeyH', 'р'))).toEqual({ kind: 'home' });
    expect(reader.read(key('KeyG', 'g'))).toBeNull();
    expect(reader.read(key('Digit3', '3'))).toEqual({ kind: 'nth', index: 2 });
    expect(reader.read(key('KeyG', 'g'))).toBeNull();
    expect(reader.read(key('KeyS', 's'))).toEqual({ kind: 'sessions' });
    expect(reader.read(key('KeyG', 'g'))).toBeNull();
    expect(reader.read(key('KeyL', 'l'))).toEqual({ kind: 'language' });
  });

  test('an unrelated second key cancels the sequence', () => {
    const reader = new ShortcutReader();
    reader.read(key('KeyG', 'g'));
    expect(reader.read(key('KeyX', 'x'))).toBeNull();
    expect(reader.read(key('KeyH', 'h'))).toBeNull();
  });

  test('keys typed into fields or with modifiers are left alone', () => {
    const reader = new ShortcutReader();
    expect(reader.read(key('Slash', '?', { shiftKey: true, inEditable: true }))).toBeNull();
    reader.read(key('KeyG', 'g'));
    expect(reader.read(key('KeyH', 'h', { ctrlKey: true }))).toBeNull();
    expect(reader.read(key('KeyH', 'h'))).toBeNull();
  });
});

test('every shortcut the help dialog lists is one the reader accepts', () => {
  const codeOf = (key: string) => (key === '?' ? 'Slash' : key === '1…9' ? 'Digit1' : `Key${key.toUpperCase()}`);
  for (const shortcut of SHORTCUTS) {
    const reader = new ShortcutReader();
    let action: ShortcutAction | null = null;
    for (const k of shortcut.keys) {
      action = reader.read(key(codeOf(k), k === '1…9' ? '1' : k, { shiftKey: k === '?' }));
    }
    expect(action?.kind, shortcut.keys.join(' ')).toBe(shortcut.action);
  }
});

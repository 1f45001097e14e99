// An sRGB ICC profile (version 2.1, display class) computed from the IEC 61966-2-1 definition:
// D50-adapted primaries (Bradford) and the exact sRGB tone curve sampled at 1024 points. Writing
// it ourselves means no third-party profile file and no licence to carry; the bytes never change.

const TRC_POINTS = 1024;

function s15Fixed16(v: number): number[] {
  const x = Math.round(v * 65536) >>> 0;
  return [(x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255];
}

const u32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const u16 = (v: number): number[] => [(v >>> 8) & 255, v & 255];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const pad4 = (b: number[]): number[] => (b.length % 4 === 0 ? b : [...b, ...new Array(4 - (b.length % 4)).fill(0)]);

function xyz(x: number, y: number, z: number): number[] {
  return [...ascii('XYZ '), 0, 0, 0, 0, ...s15Fixed16(x), ...s15Fixed16(y), ...s15Fixed16(z)];
}

function desc(text: string): number[] {
  // textDescriptionType: ASCII part, empty Unicode and ScriptCode parts.
  return pad4([...ascii('desc'), 0, 0, 0, 0, ...u32(text.length + 1), ...ascii(text), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...new Array(67).fill(0)]);
}

function text(t: string): number[] {
  return pad4([...ascii('text'), 0, 0, 0, 0, ...ascii(t), 0]);
}

function curve(): number[] {
  const out = [...ascii('curv'), 0, 0, 0, 0, ...u32(TRC_POINTS)];
  for (let i = 0; i < TRC_POINTS; i++) {
    const c = i / (TRC_POINTS - 1);
    const lin = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    out.push(...u16(Math.round(lin * 65535)));
  }
  return pad4(out);
}

let computed: Uint8Array | undefined;

/** The profile's bytes (a fresh copy each call; computed once per process, every PDF/A output embeds it). */
export function srgbProfile(): Uint8Array {
  computed ??= computeProfile();
  return computed.slice();
}

function computeProfile(): Uint8Array {
  const tags: [string, number[]][] = [
    ['desc', desc('sRGB IEC61966-2.1 (Kartoteka)')],
    ['cprt', text('No copyright, use freely. Computed from IEC 61966-2-1 by Kartoteka.')],
    ['wtpt', xyz(0.9642, 1.0, 0.8249)],
    ['rXYZ', xyz(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyz(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyz(0.1431, 0.0606, 0.7141)],
    ['rTRC', curve()],
  ];
  const shared: [string, string][] = [['gTRC', 'rTRC'], ['bTRC', 'rTRC']];
  const count = tags.length + shared.length;
  const tableSize = 4 + count * 12;
  let offset = 128 + tableSize;
  const table: number[] = [...u32(count)];
  const data: number[] = [];
  const where = new Map<string, [number, number]>();
  for (const [sig, bytes] of tags) {
    where.set(sig, [offset, bytes.length]);
    table.push(...ascii(sig), ...u32(offset), ...u32(bytes.length));
    data.push(...bytes);
    offset += bytes.length;
  }
  for (const [sig, same] of shared) {
    const [o, l] = where.get(same)!;
    table.push(...ascii(sig), ...u32(o), ...u32(l));
  }
  const size = 128 + table.length + data.length;
  const header = [
    ...u32(size), ...ascii('none'), 0x02, 0x10, 0, 0, ...ascii('mntr'), ...ascii('RGB '), ...ascii('XYZ '),
    // date/time, 'acsp', platform, flags, manufacturer, model, attributes (8), rendering intent
    ...u16(2000), ...u16(1), ...u16(1), 0, 0, 0, 0, 0, 0, ...ascii('acsp'), ...u32(0), ...u32(0), ...u32(0), ...u32(0),
    ...u32(0), ...u32(0), ...u32(0),
    // PCS illuminant (D50) at byte 68, then the creator
    ...s15Fixed16(0.9642), ...s15Fixed16(1.0), ...s15Fixed16(0.8249), ...u32(0),
  ];
  while (header.length < 128) header.push(0);
  return Uint8Array.from([...header, ...table, ...data]);
}

// z1·G + z2·Q on the WebAssembly curve arithmetic (gostWasmGen.ts): the same Strauss–Shamir chain as
// gostPoint.ts — signed windows, a width-7 table of G per curve and a width-5/7 table of the key, no
// final inversion — with field elements as 29-bit limbs in Montgomery form instead of BigInts. The
// BigInt version (gostPoint.ts) remains the fallback where WebAssembly is unavailable.
//
// One module instance serves every curve: the curve context (p, −p⁻¹, a, 1) and the two tables are
// copied into its memory when a verification needs them (the G table and context stay while the same
// curve is used), so tables live in ordinary typed arrays that the key cache may drop.
import type { IField } from '@noble/curves/abstract/modular.js';
import { ctxOffsets, GOST_LAYOUT, GROUPS, groupSuffix, LIMB_BITS, PM_MAX_C, type LimbCount } from './gostWasmGen.ts';
import { GOST_WASM_BASE64 } from './gostWasmModule.ts';
import { W_G, wnaf, type Affine } from './gostPoint.ts';
import { modInverse } from './modInverse.ts';
import { decodeBase64 } from './wasmEmit.ts';

type Op3 = (ctx: number, dst: number, a: number, b: number) => void;

interface Ops {
  mul: Op3;
  sqr: (ctx: number, dst: number, a: number) => void;
  add: Op3;
  sub: Op3;
  eq: (a: number, b: number) => number;
  dbl: (ctx: number, P: number) => number;
  madd: (ctx: number, P: number, T: number, neg: number) => number;
  addJ: (ctx: number, dst: number, P1: number, P2: number) => number;
}

export interface WasmCurve {
  readonly n: LimbCount;
  /** Bytes per field element. */
  readonly e: number;
  readonly p: bigint;
  readonly Fp: IField<bigint>;
  /** 2^(29N) mod p and its square: into and out of Montgomery form (both 1 for a 2^k − c prime's plain form). */
  readonly rModP: bigint;
  readonly r2ModP: bigint;
  /** The context image (p ‖ n0 ‖ a ‖ one) as limbs. */
  readonly ctx: BigInt64Array;
  readonly ops: Ops;
  readonly G: Affine;
  gTable?: BigInt64Array | null;
}

interface Engine {
  mem: BigInt64Array;
  exports: Record<string, unknown>;
}

let engine: Engine | null | undefined;

function getEngine(): Engine | null {
  if (engine !== undefined) return engine;
  if (typeof WebAssembly === 'undefined') return (engine = null);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(GOST_WASM_BASE64)));
  const memory = instance.exports.memory as WebAssembly.Memory;
  // The memory never grows, so this view stays valid.
  return (engine = { mem: new BigInt64Array(memory.buffer), exports: instance.exports as Record<string, unknown> });
}

const LIMB_MASK = (1n << BigInt(LIMB_BITS)) - 1n;
const SHIFT = BigInt(LIMB_BITS);

function writeLimbs(mem: BigInt64Array, addr: number, x: bigint, n: number): void {
  let i = addr >> 3;
  for (let k = 0; k < n; k++, i++) {
    mem[i] = x & LIMB_MASK;
    x >>= SHIFT;
  }
}

function readLimbs(mem: BigInt64Array, addr: number, n: number): bigint {
  let v = 0n;
  for (let k = n - 1, i = (addr >> 3) + n - 1; k >= 0; k--, i--) v = (v << SHIFT) | mem[i]!;
  return v;
}

/** −p⁻¹ mod 2^29 (p odd), by Newton's iteration on the inverse. */
function negInverse(p: bigint): bigint {
  const m = 1n << SHIFT;
  let inv = 1n;
  for (let i = 0; i < 5; i++) inv = (inv * (2n - ((p * inv) % m))) % m;
  return (m - ((inv % m) + m) % m) % m;
}

/** The curve on the WebAssembly arithmetic, or null when WebAssembly is unavailable or p too large. */
export function wasmCurve(Fp: IField<bigint>, p: bigint, a: bigint, aIsMinus3: boolean, G: Affine): WasmCurve | null {
  const eng = getEngine();
  const bits = p.toString(2).length;
  const n: LimbCount | undefined = bits <= 9 * LIMB_BITS - 2 ? 9 : bits <= 18 * LIMB_BITS - 2 ? 18 : undefined;
  if (!eng || n === undefined) return null;
  const ex = eng.exports;
  const pm = GROUPS.find((g) => g.n === n && g.k > 0 && (1n << BigInt(g.k)) - p > 0n && (1n << BigInt(g.k)) - p < BigInt(PM_MAX_C));
  const fn = <T>(name: string): T => ex[`${name}${groupSuffix(pm ?? { n, k: 0 })}`] as T;
  const rModP = pm ? 1n : (1n << BigInt(LIMB_BITS * n)) % p;
  const o = ctxOffsets(n);
  const ctx = new BigInt64Array(o.size / 8);
  const toMont = (x: bigint): bigint => (x * rModP) % p;
  const put = (off: number, x: bigint): void => {
    for (let k = 0; k < n; k++) {
      ctx[off / 8 + k] = x & LIMB_MASK;
      x >>= SHIFT;
    }
  };
  put(o.p, p);
  ctx[o.n0 / 8] = pm ? (1n << BigInt(pm.k)) - p : negInverse(p);
  put(o.a, toMont(((a % p) + p) % p));
  put(o.one, rModP);
  return {
    n,
    e: 8 * n,
    p,
    Fp,
    rModP,
    r2ModP: (rModP * rModP) % p,
    ctx,
    G,
    ops: {
      mul: fn('mul'),
      sqr: fn('sqr'),
      add: fn('add'),
      sub: fn('sub'),
      eq: fn('eq'),
      dbl: fn(aIsMinus3 ? 'dblA3' : 'dblGen'),
      madd: fn('madd'),
      addJ: fn('addJ'),
    },
  };
}

// What the module's memory holds now: the context and G table of this curve.
let loadedCtx: WasmCurve | null = null;
let loadedG: WasmCurve | null = null;

function useCurve(wc: WasmCurve): Engine {
  const eng = engine!;
  if (loadedCtx !== wc) {
    eng.mem.set(wc.ctx, GOST_LAYOUT.ctx / 8);
    loadedCtx = wc;
    loadedG = null;
  }
  return eng;
}

/** Montgomery form of x ∈ [0, p) written at addr. */
function putMont(mem: BigInt64Array, wc: WasmCurve, addr: number, x: bigint): void {
  writeLimbs(mem, addr, (x * wc.rModP) % wc.p, wc.n);
}

/**
 * Odd multiples P, 3P, …, (2^(w−1) − 1)P, affine, Montgomery limbs (x ‖ y per point), built in the
 * module's memory at `dest` and returned as a copy; null when one of them is the point at infinity
 * (a point of tiny order — never a valid key; the caller falls back to noble).
 */
function buildTable(wc: WasmCurve, P: Affine, w: number, dest: number): BigInt64Array | null {
  const { mem } = useCurve(wc);
  const { ops, e, n } = wc;
  const CTX = GOST_LAYOUT.ctx;
  const WORK = GOST_LAYOUT.work;
  const ACC = GOST_LAYOUT.acc;
  const AUX = GOST_LAYOUT.aux;
  const one = CTX + ctxOffsets(n).one;
  const count = 1 << (w - 2);
  const jac = (i: number): number => WORK + 3 * e * i;
  putMont(mem, wc, jac(0), P.x);
  putMont(mem, wc, jac(0) + e, P.y);
  mem.copyWithin((jac(0) + 2 * e) >> 3, one >> 3, (one + e) >> 3);
  mem.copyWithin(ACC >> 3, jac(0) >> 3, (jac(0) + 3 * e) >> 3);
  if (ops.dbl(CTX, ACC)) return null;
  for (let i = 1; i < count; i++) {
    if (ops.addJ(CTX, jac(i), jac(i - 1), ACC) !== 0) return null;
  }
  // Montgomery's trick: one inversion for all the Z coordinates; prefix products wait in the x slots.
  mem.copyWithin(AUX >> 3, one >> 3, (one + e) >> 3);
  for (let i = 0; i < count; i++) {
    mem.copyWithin((dest + 2 * e * i) >> 3, AUX >> 3, (AUX + e) >> 3);
    ops.mul(CTX, AUX, AUX, jac(i) + 2 * e);
  }
  // AUX = A·R (Montgomery form of A); its inverse in Montgomery form is A⁻¹·R = (A·R)⁻¹·R².
  const accM = readLimbs(mem, AUX, n);
  if (accM === 0n) return null;
  writeLimbs(mem, AUX, (modInverse(accM, wc.p) * wc.r2ModP) % wc.p, n);
  const zInv = AUX + e;
  const z2 = AUX + 2 * e;
  for (let i = count - 1; i >= 0; i--) {
    const x = dest + 2 * e * i;
    ops.mul(CTX, zInv, AUX, x);
    ops.mul(CTX, AUX, AUX, jac(i) + 2 * e);
    ops.sqr(CTX, z2, zInv);
    ops.mul(CTX, x, jac(i), z2);
    ops.mul(CTX, z2, z2, zInv);
    ops.mul(CTX, x + e, jac(i) + e, z2);
  }
  return mem.slice(dest >> 3, (dest + 2 * e * count) >> 3);
}

export function wasmOddMultiples(wc: WasmCurve, P: Affine, w: number): BigInt64Array | null {
  return buildTable(wc, P, w, GOST_LAYOUT.qTable);
}

function loadGTable(wc: WasmCurve): boolean {
  if (loadedG === wc) return true;
  if (wc.gTable === undefined) {
    wc.gTable = buildTable(wc, wc.G, W_G, GOST_LAYOUT.gTable);
  } else if (wc.gTable) {
    engine!.mem.set(wc.gTable, GOST_LAYOUT.gTable / 8);
  }
  if (!wc.gTable) return false;
  loadedG = wc;
  return true;
}

/** x(z1·G + z2·Q) ≡ r (mod q)?  `qTable` = wasmOddMultiples(Q, wQ). Scalars in [0, q). Null: no G table (fall back). */
export function wasmCheckShamir(wc: WasmCurve, z1: bigint, z2: bigint, qTable: BigInt64Array, wQ: number, r: bigint, q: bigint): boolean | null {
  const { mem } = useCurve(wc);
  if (!loadGTable(wc)) return null;
  mem.set(qTable, GOST_LAYOUT.qTable / 8);
  const { ops, e, n } = wc;
  const CTX = GOST_LAYOUT.ctx;
  const ACC = GOST_LAYOUT.acc;
  const one = CTX + ctxOffsets(n).one;
  const dG = wnaf(z1, W_G);
  const dQ = wnaf(z2, wQ);
  let inf = true;
  // R += ±T for the affine table point at `t`; returns whether R is now the point at infinity.
  const addPoint = (t: number, neg: boolean): boolean => {
    if (inf) {
      mem.copyWithin(ACC >> 3, t >> 3, (t + 2 * e) >> 3);
      if (neg) ops.sub(CTX, ACC + e, 0, ACC + e); // scratch slot 0 is the constant zero
      mem.copyWithin((ACC + 2 * e) >> 3, one >> 3, (one + e) >> 3);
      return false;
    }
    const st = ops.madd(CTX, ACC, t, neg ? 1 : 0);
    if (st === 0) return false;
    if (st === 1) return ops.dbl(CTX, ACC) !== 0;
    return true;
  };
  for (let i = Math.max(dG.length, dQ.length) - 1; i >= 0; i--) {
    if (!inf && ops.dbl(CTX, ACC)) inf = true;
    const a = dG[i] ?? 0;
    if (a !== 0) inf = addPoint(GOST_LAYOUT.gTable + 2 * e * (Math.abs(a) >> 1), a < 0);
    const b = dQ[i] ?? 0;
    if (b !== 0) inf = addPoint(GOST_LAYOUT.qTable + 2 * e * (Math.abs(b) >> 1), b < 0);
  }
  if (inf) return false;
  // x = X/Z² ∈ [0, p) and x mod q = r  ⇔  X = r'·Z² for r' = r or r + q, … below p (no inversion).
  const AUX = GOST_LAYOUT.aux;
  ops.sqr(CTX, AUX, ACC + 2 * e);
  for (let cand = r; cand < wc.p; cand += q) {
    putMont(mem, wc, AUX + e, cand);
    ops.mul(CTX, AUX + 2 * e, AUX + e, AUX);
    if (ops.eq(AUX + 2 * e, ACC)) return true;
  }
  return false;
}

/** For tests: the field operations on plain integers in [0, p). */
export function wasmFieldOp(wc: WasmCurve, op: 'mul' | 'sqr' | 'add' | 'sub', x: bigint, y: bigint): bigint {
  const { mem } = useCurve(wc);
  const AUX = GOST_LAYOUT.aux;
  const CTX = GOST_LAYOUT.ctx;
  putMont(mem, wc, AUX, x);
  putMont(mem, wc, AUX + wc.e, y);
  if (op === 'sqr') wc.ops.sqr(CTX, AUX + 2 * wc.e, AUX);
  else wc.ops[op](CTX, AUX + 2 * wc.e, AUX, AUX + wc.e);
  // Out of Montgomery form: multiply by 1 (a plain 1, not R).
  writeLimbs(mem, AUX, 1n, wc.n);
  wc.ops.mul(CTX, AUX, AUX + 2 * wc.e, AUX);
  return readLimbs(mem, AUX, wc.n);
}

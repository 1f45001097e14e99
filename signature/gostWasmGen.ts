// Generates the WebAssembly module of the GOST curve arithmetic (Montgomery field multiplication and
// the Jacobian point formulas of gostPoint.ts) as raw bytes, like streebogWasmGen.ts: no tool-chain.
// The output is committed in gostWasmModule.ts; regenerate after changing this file:
//   npx tsx signature/gostWasmGen.ts
// (gostWasm.test.ts checks that the committed bytes equal what this generator produces.)
//
// Why: BigInt field multiplication costs ≈0.17 µs (256 bits) and allocates on every operation; a cold
// GOST verification is four signatures of ≈400 point operations each. Here a field element is N limbs
// of 29 bits, one per i64 (N = 9 for the 256-bit curves, 18 for the 512-bit ones). 29-bit limbs leave
// room to add up to 2N limb products (< 2^58 each) of one column without a carry per product, so the
// Montgomery multiplication is a plain product-scanning loop, fully unrolled, with one shift per column.
// Every function takes the curve context's address (p, −p⁻¹ mod 2^29, a and 1 in Montgomery form) and
// keeps its results canonical (in [0, p)), so equality is limb equality.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { body, Code, I32, I64, moduleSource as wasmModuleSource, name, OP, section, uleb, VOID, vec } from './wasmEmit.ts';

export const LIMB_BITS = 29;
const MASK = 2 ** LIMB_BITS - 1;
export const LIMB_COUNTS = [9, 18] as const;
export type LimbCount = (typeof LIMB_COUNTS)[number];
const MAX_LIMBS = 18;

/**
 * The groups of functions in the module: Montgomery multiplication for any prime, and for the primes
 * 2^k − c with a small c (CryptoPro-A / TC26-256-A, 2^256 − 617; TC26-512-A and -C, 2^512 − 569) a plain
 * representation reduced by folding the high half times c — half the limb products of Montgomery's
 * reduction. Export names end in the limb count, and `pm` for the second kind (`mul9`, `mul18pm`).
 */
export const GROUPS = [
  { n: 9, k: 0 },
  { n: 18, k: 0 },
  { n: 9, k: 256 },
  { n: 18, k: 512 },
] as const;
export type Group = (typeof GROUPS)[number];
/** Largest c of a 2^k − c prime handled by the folding reduction (c·c must stay far below 2^k). */
export const PM_MAX_C = 1 << 20;
export const groupSuffix = (g: { n: number; k: number }): string => `${g.n}${g.k ? 'pm' : ''}`;

/**
 * Memory layout shared with the loader (gostWasm.ts). Scratch slots (field elements of the point
 * formulas) start at 0, slot 0 being the constant zero; the rest is the loader's.
 */
export const GOST_LAYOUT = {
  scratchSlots: 12,
  ctx: 4096, // p ‖ n0 ‖ a ‖ one (24N + 8 bytes)
  acc: 4608, // the point being accumulated, Jacobian X ‖ Y ‖ Z
  aux: 5120, // a few field elements for the loader (final check, inversions)
  gTable: 8192, // affine odd multiples of the base point, x ‖ y each
  qTable: 17408, // affine odd multiples of the key
  work: 26624, // Jacobian odd multiples while a table is built
  pages: 1,
} as const;

/** Context offsets (bytes) for N limbs. */
export const ctxOffsets = (n: number): { p: number; n0: number; a: number; one: number; size: number } => ({ p: 0, n0: 8 * n, a: 8 * n + 8, one: 16 * n + 8, size: 24 * n + 8 });
// For the 2^k − c groups the n0 word holds c, and a and one are plain (not Montgomery) values.

/** Function order within one group; the module holds the GROUPS in order. */
export const FUNCTIONS = ['mul', 'sqr', 'add', 'sub', 'isZero', 'eq', 'dblA3', 'dblGen', 'madd', 'addJ'] as const;
type Fn = (typeof FUNCTIONS)[number];

const TYPE_OF: Record<Fn, number> = { mul: 0, add: 0, sub: 0, sqr: 1, isZero: 2, eq: 3, dblA3: 3, dblGen: 3, madd: 4, addJ: 4 };
const TYPES: [number[], number[]][] = [
  [[I32, I32, I32, I32], []],
  [[I32, I32, I32], []],
  [[I32], [I32]],
  [[I32, I32], [I32]],
  [[I32, I32, I32, I32], [I32]],
];

function fnIndex(group: number, f: Fn): number {
  return group * FUNCTIONS.length + FUNCTIONS.indexOf(f);
}

/** i64 local indices from `first`: a run of N and single ones. */
function locals(first: number, n: number, runs: number, singles: number): { runs: number[][]; singles: number[]; total: number } {
  const out: number[][] = [];
  let next = first;
  for (let r = 0; r < runs; r++) {
    out.push(Array.from({ length: n }, (_, i) => next + i));
    next += n;
  }
  const s = Array.from({ length: singles }, (_, i) => next + i);
  return { runs: out, singles: s, total: runs * n + singles };
}

/**
 * R (locals, top limb possibly ≥ 2^29 but R < 2p) − p if that is non-negative, else R, stored at `dst`.
 * D receives the difference; BR ends −1 when R < p.
 */
function condSubStore(c: Code, n: number, dstLocal: number, R: number[], P: number[], D: number[], BR: number): void {
  c.i64(0).set(BR);
  for (let i = 0; i < n; i++) {
    c.get(R[i]!).get(P[i]!).op(OP.i64Sub).get(BR).op(OP.i64Add).set(D[i]!);
    c.get(D[i]!).i64(LIMB_BITS).op(OP.i64ShrS).set(BR);
    c.get(D[i]!).i64(MASK).op(OP.i64And).set(D[i]!);
  }
  for (let i = 0; i < n; i++) {
    c.get(dstLocal).get(D[i]!).get(R[i]!).get(BR).op(OP.i64Eqz, OP.select).store64(8 * i);
  }
}

function loadRun(c: Code, addrLocal: number, run: number[]): void {
  run.forEach((l, i) => c.get(addrLocal).load64(8 * i).set(l));
}

/**
 * The Montgomery reduction columns shared by mul and sqr: `column(k)` pushes Σ a-products of column k
 * onto the stack (with T already there); then the m·p products are added and m_k or r_{k−N} taken.
 */
function montgomery(c: Code, n: number, P: number[], M: number[], R: number[], T: number, N0: number, column: (k: number) => void): void {
  c.i64(0).set(T);
  for (let k = 0; k < 2 * n - 1; k++) {
    c.get(T);
    column(k);
    for (let i = Math.max(0, k - n + 1); i <= Math.min(k - 1, n - 1); i++) c.get(M[i]!).get(P[k - i]!).op(OP.i64Mul, OP.i64Add);
    if (k < n) {
      c.set(T);
      c.get(T).get(N0).op(OP.i64Mul).i64(MASK).op(OP.i64And).set(M[k]!);
      c.get(T).get(M[k]!).get(P[0]!).op(OP.i64Mul, OP.i64Add).i64(LIMB_BITS).op(OP.i64ShrU).set(T);
    } else {
      c.set(T);
      c.get(T).i64(MASK).op(OP.i64And).set(R[k - n]!);
      c.get(T).i64(LIMB_BITS).op(OP.i64ShrU).set(T);
    }
  }
  c.get(T).set(R[n - 1]!);
}

/** Σ a_i·b_(k−i) of column k, added to the value on the stack. */
function mulColumn(c: Code, n: number, Av: number[], Bv: number[]): (k: number) => void {
  return (k) => {
    for (let i = Math.max(0, k - n + 1); i <= Math.min(k, n - 1); i++) c.get(Av[i]!).get(Bv[k - i]!).op(OP.i64Mul, OP.i64Add);
  };
}

/** Column k of a square: each cross product once, doubled with a shift, plus the middle square. */
function sqrColumn(c: Code, n: number, Av: number[]): (k: number) => void {
  return (k) => {
    let pairs = 0;
    for (let i = Math.max(0, k - n + 1); 2 * i < k; i++) {
      c.get(Av[i]!).get(Av[k - i]!).op(OP.i64Mul);
      if (pairs++ > 0) c.op(OP.i64Add);
    }
    if (pairs > 0) c.i64(1).op(OP.i64Shl, OP.i64Add);
    if (k % 2 === 0) c.get(Av[k / 2]!).get(Av[k / 2]!).op(OP.i64Mul, OP.i64Add);
  };
}

/**
 * mul or sqr for p = 2^k − c: the 2N-limb product t = lo + hi·2^k ≡ lo + hi·c, folded twice (the
 * second fold's high part is at most c, so the result is below 2^k + c² < 2p) and reduced once.
 */
function pmMulFunction(n: number, k: number, square: boolean): number[] {
  const CTX = 0, DST = 1, A = 2, B = 3;
  const L = locals(square ? 3 : 4, n, square ? 4 : 5, 5);
  const runs = L.runs;
  const Av = runs[0]!;
  const Bv = square ? Av : runs[1]!;
  const [P, D, R] = runs.slice(square ? 1 : 2) as [number[], number[], number[]];
  const [T, C, BR, H2, X] = L.singles as [number, number, number, number, number];
  // The product's 2N limbs and the first fold's N + 1 limbs.
  const prodFirst = (square ? 3 : 4) + L.total;
  const Rr = Array.from({ length: 2 * n }, (_, i) => prodFirst + i);
  const U = Array.from({ length: n + 1 }, (_, i) => prodFirst + 2 * n + i);
  const c = new Code();
  loadRun(c, A, Av);
  if (!square) loadRun(c, B, Bv);
  loadRun(c, CTX, P);
  c.get(CTX).load64(8 * n).set(C);
  const column = square ? sqrColumn(c, n, Av) : mulColumn(c, n, Av, Bv);
  c.i64(0).set(T);
  for (let col = 0; col < 2 * n - 1; col++) {
    c.get(T);
    column(col);
    c.set(T);
    c.get(T).i64(MASK).op(OP.i64And).set(Rr[col]!);
    c.get(T).i64(LIMB_BITS).op(OP.i64ShrU).set(T);
  }
  c.get(T).set(Rr[2 * n - 1]!);
  const q = Math.floor(k / LIMB_BITS);
  const sh = k % LIMB_BITS;
  const lowMask = 2 ** sh - 1;
  // u = lo + hi·c, limb by limb: hi_j = bits [k + 29j, k + 29j + 29) of the product.
  c.i64(0).set(T);
  for (let j = 0; j <= n; j++) {
    if (q + j >= 2 * n) {
      c.get(T).set(U[j]!);
      continue;
    }
    c.get(Rr[q + j]!).i64(sh).op(OP.i64ShrU);
    if (q + j + 1 < 2 * n) c.get(Rr[q + j + 1]!).i64(LIMB_BITS - sh).op(OP.i64Shl).i64(MASK).op(OP.i64And, OP.i64Or);
    c.get(C).op(OP.i64Mul).get(T).op(OP.i64Add);
    if (j < q) c.get(Rr[j]!).op(OP.i64Add);
    else if (j === q) c.get(Rr[q]!).i64(lowMask).op(OP.i64And, OP.i64Add);
    c.set(X);
    c.get(X).i64(MASK).op(OP.i64And).set(U[j]!);
    c.get(X).i64(LIMB_BITS).op(OP.i64ShrU).set(T);
  }
  // Second fold: h2 = u >> k (a few bits), r = (u mod 2^k) + h2·c.
  c.get(U[q]!).i64(sh).op(OP.i64ShrU);
  for (let j = q + 1; j <= n; j++) c.get(U[j]!).i64(LIMB_BITS * (j - q) - sh).op(OP.i64Shl, OP.i64Add);
  c.set(H2);
  c.get(H2).get(C).op(OP.i64Mul).set(T);
  for (let j = 0; j < n; j++) {
    c.get(T);
    if (j < q) c.get(U[j]!).op(OP.i64Add);
    else if (j === q) c.get(U[q]!).i64(lowMask).op(OP.i64And, OP.i64Add);
    if (j === n - 1) {
      c.set(R[j]!);
      continue;
    }
    c.set(X);
    c.get(X).i64(MASK).op(OP.i64And).set(R[j]!);
    c.get(X).i64(LIMB_BITS).op(OP.i64ShrU).set(T);
  }
  condSubStore(c, n, DST, R, P, D, BR);
  c.op(OP.end);
  return body([[L.total + 3 * n + 1, I64]], c);
}

/** mul(ctx, dst, a, b): dst = a·b·2^(−29N) mod p. */
function mulFunction(n: number): number[] {
  const CTX = 0, DST = 1, A = 2, B = 3;
  const L = locals(4, n, 5, 3);
  const [Av, Bv, P, M, R] = L.runs as [number[], number[], number[], number[], number[]];
  const [T, N0, BR] = L.singles as [number, number, number];
  const c = new Code();
  loadRun(c, A, Av);
  loadRun(c, B, Bv);
  loadRun(c, CTX, P);
  c.get(CTX).load64(8 * n).set(N0);
  montgomery(c, n, P, M, R, T, N0, mulColumn(c, n, Av, Bv));
  condSubStore(c, n, DST, R, P, Av, BR);
  c.op(OP.end);
  return body([[L.total, I64]], c);
}

/** sqr(ctx, dst, a): each cross product once, doubled with a shift. */
function sqrFunction(n: number): number[] {
  const CTX = 0, DST = 1, A = 2;
  const L = locals(3, n, 4, 3);
  const [Av, P, M, R] = L.runs as [number[], number[], number[], number[]];
  const [T, N0, BR] = L.singles as [number, number, number];
  const c = new Code();
  loadRun(c, A, Av);
  loadRun(c, CTX, P);
  c.get(CTX).load64(8 * n).set(N0);
  montgomery(c, n, P, M, R, T, N0, sqrColumn(c, n, Av));
  condSubStore(c, n, DST, R, P, Av, BR);
  c.op(OP.end);
  return body([[L.total, I64]], c);
}

/** add(ctx, dst, a, b) and sub(ctx, dst, a, b), modulo p. */
function addSubFunction(n: number, isSub: boolean): number[] {
  const CTX = 0, DST = 1, A = 2, B = 3;
  const L = locals(4, n, 3, 3);
  const [R, P, D] = L.runs as [number[], number[], number[]];
  const [S, C, BR] = L.singles as [number, number, number];
  const c = new Code();
  loadRun(c, CTX, P);
  c.i64(0).set(C);
  for (let i = 0; i < n; i++) {
    c.get(A).load64(8 * i).get(B).load64(8 * i).op(isSub ? OP.i64Sub : OP.i64Add).get(C).op(OP.i64Add).set(S);
    if (!isSub && i === n - 1) {
      c.get(S).set(R[i]!);
      continue;
    }
    c.get(S).i64(MASK).op(OP.i64And).set(R[i]!);
    // The carry of a sum is 0 or 1; the borrow of a difference is 0 or −1 (arithmetic shift).
    c.get(S).i64(LIMB_BITS).op(isSub ? OP.i64ShrS : OP.i64ShrU).set(C);
  }
  if (!isSub) {
    condSubStore(c, n, DST, R, P, D, BR);
  } else {
    // A borrow out means a − b + 2^(29N) is in R: adding p and dropping the carry out gives a − b + p.
    c.i64(0).set(BR);
    for (let i = 0; i < n; i++) {
      c.get(R[i]!).get(P[i]!).op(OP.i64Add).get(BR).op(OP.i64Add).set(S);
      c.get(S).i64(MASK).op(OP.i64And).set(D[i]!);
      c.get(S).i64(LIMB_BITS).op(OP.i64ShrU).set(BR);
    }
    for (let i = 0; i < n; i++) c.get(DST).get(R[i]!).get(D[i]!).get(C).op(OP.i64Eqz, OP.select).store64(8 * i);
  }
  c.op(OP.end);
  return body([[L.total, I64]], c);
}

function isZeroFunction(n: number): number[] {
  const c = new Code();
  for (let i = 0; i < n; i++) {
    c.get(0).load64(8 * i);
    if (i > 0) c.op(OP.i64Or);
  }
  c.op(OP.i64Eqz, OP.end);
  return body([], c);
}

function eqFunction(n: number): number[] {
  const c = new Code();
  for (let i = 0; i < n; i++) {
    c.get(0).load64(8 * i).get(1).load64(8 * i).op(OP.i64Xor);
    if (i > 0) c.op(OP.i64Or);
  }
  c.op(OP.i64Eqz, OP.end);
  return body([], c);
}

/** A field element's address: a parameter (pointer) plus an offset, or an absolute scratch slot. */
interface Ref {
  base: number | null;
  off: number;
}

/** Emits the point formulas as calls to the field functions of one group. */
class PointCode {
  readonly c = new Code();
  constructor(
    readonly n: number,
    readonly group: number,
  ) {}
  slot(k: number): Ref {
    // One stride for both limb counts, so that the 9-limb functions never touch the 18-limb zero slot.
    return { base: null, off: k * 8 * MAX_LIMBS };
  }
  /** Coordinate i (0 X, 1 Y, 2 Z) of the point at parameter `param`. */
  coord(param: number, i: number): Ref {
    return { base: param, off: i * 8 * this.n };
  }
  private addr(r: Ref): void {
    if (r.base === null) this.c.i32(r.off);
    else {
      this.c.get(r.base);
      if (r.off) this.c.i32(r.off).op(OP.i32Add);
    }
  }
  private call3(f: Fn, d: Ref, a: Ref, b?: Ref): void {
    this.c.get(0);
    this.addr(d);
    this.addr(a);
    if (b) this.addr(b);
    this.c.op(OP.call, ...uleb(fnIndex(this.group, f)));
  }
  mul(d: Ref, a: Ref, b: Ref): void {
    this.call3('mul', d, a, b);
  }
  sqr(d: Ref, a: Ref): void {
    this.call3('sqr', d, a);
  }
  add(d: Ref, a: Ref, b: Ref): void {
    this.call3('add', d, a, b);
  }
  sub(d: Ref, a: Ref, b: Ref): void {
    this.call3('sub', d, a, b);
  }
  /** Pushes isZero(r) (i32). */
  isZero(r: Ref): void {
    this.addr(r);
    this.c.op(OP.call, ...uleb(fnIndex(this.group, 'isZero')));
  }
  /** If h is zero: return 1 when r0 is zero too (the points are equal), else 2 (they are opposite). */
  returnIfSpecial(h: Ref, r0: Ref): void {
    this.isZero(h);
    this.c.op(OP.if, VOID).i32(2);
    this.isZero(r0);
    this.c.op(OP.i32Sub, OP.return, OP.end);
  }
}

/** dbl(ctx, P): P = 2P in place; returns 1 when the result is the point at infinity. */
function doubleFunction(n: number, group: number, aIsMinus3: boolean): number[] {
  const pc = new PointCode(n, group);
  const s = (k: number): Ref => pc.slot(k);
  const [X, Y, Z] = [pc.coord(1, 0), pc.coord(1, 1), pc.coord(1, 2)];
  if (aIsMinus3) {
    // dbl-2001-b (3M + 5S), as in gostPoint.ts.
    pc.sqr(s(1), Z); // delta
    pc.sqr(s(2), Y); // gamma
    pc.add(s(3), s(2), s(2)); // 2 gamma
    pc.mul(s(4), X, s(3)); // 2 beta
    pc.add(s(4), s(4), s(4)); // 4 beta
    pc.sub(s(5), X, s(1));
    pc.add(s(6), X, s(1));
    pc.mul(s(5), s(5), s(6)); // (X − delta)(X + delta)
    pc.add(s(6), s(5), s(5));
    pc.add(s(6), s(6), s(5)); // alpha
    pc.sqr(s(7), s(6));
    pc.add(s(8), s(4), s(4));
    pc.sub(X, s(7), s(8)); // X3 = alpha² − 8 beta
    pc.add(s(7), Y, Z);
    pc.sqr(s(7), s(7));
    pc.sub(s(7), s(7), s(2));
    pc.sub(Z, s(7), s(1)); // Z3 = (Y + Z)² − gamma − delta
    pc.sqr(s(3), s(3)); // 4 gamma²
    pc.sub(s(5), s(4), X);
    pc.mul(s(5), s(6), s(5));
    pc.sub(s(5), s(5), s(3));
    pc.sub(Y, s(5), s(3)); // Y3 = alpha(4 beta − X3) − 8 gamma²
  } else {
    // dbl-2007-bl (1M + 8S and one multiplication by a).
    const A: Ref = { base: 0, off: ctxOffsets(n).a };
    pc.sqr(s(1), X); // XX
    pc.sqr(s(2), Y); // YY
    pc.sqr(s(3), s(2)); // YYYY
    pc.sqr(s(4), Z); // ZZ
    pc.add(s(5), X, s(2));
    pc.sqr(s(5), s(5));
    pc.sub(s(5), s(5), s(1));
    pc.sub(s(5), s(5), s(3));
    pc.add(s(5), s(5), s(5)); // S
    pc.add(s(6), s(1), s(1));
    pc.add(s(6), s(6), s(1));
    pc.sqr(s(7), s(4));
    pc.mul(s(7), A, s(7));
    pc.add(s(6), s(6), s(7)); // M = 3 XX + a ZZ²
    pc.add(s(7), Y, Z);
    pc.sqr(s(7), s(7));
    pc.sub(s(7), s(7), s(2));
    pc.sub(Z, s(7), s(4)); // Z3 = (Y + Z)² − YY − ZZ
    pc.sqr(s(7), s(6));
    pc.add(s(8), s(5), s(5));
    pc.sub(X, s(7), s(8)); // X3 = M² − 2S
    pc.sub(s(7), s(5), X);
    pc.mul(s(7), s(6), s(7));
    pc.add(s(8), s(3), s(3));
    pc.add(s(8), s(8), s(8));
    pc.add(s(8), s(8), s(8));
    pc.sub(Y, s(7), s(8)); // Y3 = M(S − X3) − 8 YYYY
  }
  pc.isZero(Z);
  pc.c.op(OP.end);
  return body([], pc.c);
}

/**
 * X3 = r² − J − 2V and Y3 = r(V − X3) − 2·Y1·J, the common end of both additions (t and u are scratch;
 * Y1 is read before Y3 is written, so they may be the same element).
 */
function additionTail(pc: PointCode, e: { r: Ref; J: Ref; V: Ref; Y1: Ref; X3: Ref; Y3: Ref; t: Ref; u: Ref }): void {
  pc.sqr(e.t, e.r);
  pc.sub(e.t, e.t, e.J);
  pc.add(e.u, e.V, e.V);
  pc.sub(e.X3, e.t, e.u);
  pc.sub(e.t, e.V, e.X3);
  pc.mul(e.t, e.r, e.t);
  pc.mul(e.u, e.Y1, e.J);
  pc.add(e.u, e.u, e.u);
  pc.sub(e.Y3, e.t, e.u);
}

/**
 * madd(ctx, P, T, neg): P = P + (x, ±y) with T = x ‖ y affine, P not at infinity (madd-2007-bl, 7M + 4S).
 * Returns 0, or without changing P: 1 when the points are equal (the caller doubles), 2 when opposite.
 */
function maddFunction(n: number, group: number): number[] {
  const pc = new PointCode(n, group);
  const s = (k: number): Ref => pc.slot(k);
  const [X, Y, Z] = [pc.coord(1, 0), pc.coord(1, 1), pc.coord(1, 2)];
  const [x2, y2] = [pc.coord(2, 0), pc.coord(2, 1)];
  pc.sqr(s(1), Z); // Z1Z1
  pc.mul(s(2), x2, s(1)); // U2
  pc.mul(s(3), Z, s(1));
  pc.mul(s(3), y2, s(3)); // S2
  pc.c.get(3).op(OP.if, VOID);
  pc.sub(s(3), s(0), s(3));
  pc.c.op(OP.end);
  pc.sub(s(2), s(2), X); // H
  pc.sub(s(3), s(3), Y); // S2 − Y1
  pc.returnIfSpecial(s(2), s(3));
  pc.sqr(s(4), s(2)); // HH
  pc.add(s(5), s(4), s(4));
  pc.add(s(5), s(5), s(5)); // I
  pc.mul(s(6), s(2), s(5)); // J
  pc.add(s(3), s(3), s(3)); // r
  pc.mul(s(5), X, s(5)); // V
  additionTail(pc, { r: s(3), J: s(6), V: s(5), Y1: Y, X3: X, Y3: Y, t: s(7), u: s(8) });
  pc.add(s(7), Z, s(2));
  pc.sqr(s(7), s(7));
  pc.sub(s(7), s(7), s(1));
  pc.sub(Z, s(7), s(4)); // Z3 = (Z1 + H)² − Z1Z1 − HH
  pc.c.i32(0).op(OP.end);
  return body([], pc.c);
}

/** addJ(ctx, dst, P1, P2): dst = P1 + P2, all Jacobian, dst apart from both (add-2007-bl); status as madd. */
function addJFunction(n: number, group: number): number[] {
  const pc = new PointCode(n, group);
  const s = (k: number): Ref => pc.slot(k);
  const [dX, dY, dZ] = [pc.coord(1, 0), pc.coord(1, 1), pc.coord(1, 2)];
  const [X1, Y1, Z1] = [pc.coord(2, 0), pc.coord(2, 1), pc.coord(2, 2)];
  const [X2, Y2, Z2] = [pc.coord(3, 0), pc.coord(3, 1), pc.coord(3, 2)];
  pc.sqr(s(1), Z1); // Z1Z1
  pc.sqr(s(2), Z2); // Z2Z2
  pc.mul(s(3), X1, s(2)); // U1
  pc.mul(s(4), X2, s(1)); // U2
  pc.mul(s(5), Z2, s(2));
  pc.mul(s(5), Y1, s(5)); // S1
  pc.mul(s(6), Z1, s(1));
  pc.mul(s(6), Y2, s(6)); // S2
  pc.sub(s(4), s(4), s(3)); // H
  pc.sub(s(6), s(6), s(5)); // S2 − S1
  pc.returnIfSpecial(s(4), s(6));
  pc.add(s(7), s(4), s(4));
  pc.sqr(s(7), s(7)); // I
  pc.mul(s(8), s(4), s(7)); // J
  pc.add(s(6), s(6), s(6)); // r
  pc.mul(s(3), s(3), s(7)); // V
  additionTail(pc, { r: s(6), J: s(8), V: s(3), Y1: s(5), X3: dX, Y3: dY, t: s(7), u: s(9) });
  pc.add(s(7), Z1, Z2);
  pc.sqr(s(7), s(7));
  pc.sub(s(7), s(7), s(1));
  pc.sub(s(7), s(7), s(2));
  pc.mul(dZ, s(7), s(4)); // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
  pc.c.i32(0).op(OP.end);
  return body([], pc.c);
}

function groupBodies(g: Group, group: number): Record<Fn, number[]> {
  const n = g.n;
  return {
    mul: g.k ? pmMulFunction(n, g.k, false) : mulFunction(n),
    sqr: g.k ? pmMulFunction(n, g.k, true) : sqrFunction(n),
    add: addSubFunction(n, false),
    sub: addSubFunction(n, true),
    isZero: isZeroFunction(n),
    eq: eqFunction(n),
    dblA3: doubleFunction(n, group, true),
    dblGen: doubleFunction(n, group, false),
    madd: maddFunction(n, group),
    addJ: addJFunction(n, group),
  };
}

export function buildGostWasm(): Uint8Array {
  const types = section(1, vec(TYPES.map(([params, results]) => [0x60, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))])));
  const fnTypes: number[][] = [];
  const exports: number[][] = [[...name('memory'), 0x02, 0]];
  const bodies: number[][] = [];
  GROUPS.forEach((g, group) => {
    const b = groupBodies(g, group);
    for (const f of FUNCTIONS) {
      fnTypes.push([TYPE_OF[f]]);
      exports.push([...name(`${f}${groupSuffix(g)}`), 0x00, ...uleb(fnIndex(group, f))]);
      bodies.push([...uleb(b[f].length), ...b[f]]);
    }
  });
  const memory = section(5, vec([[0x00, ...uleb(GOST_LAYOUT.pages)]]));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...section(3, vec(fnTypes)), ...memory, ...section(7, vec(exports)), ...section(10, vec(bodies))]);
}

export function moduleSource(bytes: Uint8Array): string {
  return wasmModuleSource(bytes, 'gostWasmGen.ts', 'WebAssembly module of the GOST R 34.10 curve arithmetic (Montgomery field, Jacobian points)', 'GOST_WASM_BASE64');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./gostWasmModule.ts', import.meta.url));
  writeFileSync(out, moduleSource(buildGostWasm()));
  console.log(`wrote ${out}`);
}

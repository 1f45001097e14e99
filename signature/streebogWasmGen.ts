// Generates the WebAssembly module of the Streebog compression (GOST R 34.11-2012) as raw bytes, so that
// no WebAssembly tool-chain is needed to build or run Kartoteka. The output is committed in
// streebogWasmModule.ts; regenerate after changing this file:
//   npx tsx signature/streebogWasmGen.ts
// (streebog.test.ts checks that the committed bytes equal what this generator produces.)
//
// The module keeps the 64-bit lanes in i64 locals; one LPS step is 64 look-ups into the eight
// precomputed 256-entry tables that the loader writes into memory (streebogTables.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { body, Code, I32, I64, moduleSource as wasmModuleSource, name, OP, section, uleb, VOID, vec } from './wasmEmit.ts';

/** Memory layout shared with the loader (streebog.ts). */
export const LAYOUT = {
  table: 0, // 8 × 256 × 8 bytes
  roundConstants: 16384, // 12 × 64 bytes
  h: 17152,
  n: 17216,
  sigma: 17280,
  zero: 17344, // 64 zero bytes, the N of the two final compressions
  last: 17408, // the padded final block
  key: 17472, // round key K of the compression in progress
  data: 17536, // the block being enciphered
  input: 32768,
  inputSize: 131072, // bytes of message hashed per call of `blocks`
  pages: 3,
} as const;

/**
 * dst[i] = XOR_j T_j[byte i of src[j]] for the eight lanes, stored lane by lane. The byte index times 8 is taken straight
 * from the lane with one shift and one mask, and the table of lane j is the load's constant offset.
 * (Measured in V8: faster than reading the bytes back from memory, than walking each lane byte by
 * byte, and than unrolling the twelve rounds, which overflows the instruction cache.)
 */
function lps(c: Code, src: readonly number[], dst: number): void {
  for (let i = 0; i < 8; i++) {
    c.i32(0);
    for (let j = 0; j < 8; j++) {
      c.get(src[j]!);
      if (i === 0) c.op(OP.i32WrapI64).i32(3).op(OP.i32Shl);
      else c.i64(8 * i - 3).op(OP.i64ShrU, OP.i32WrapI64);
      c.i32(0x7f8).op(OP.i32And).load64(LAYOUT.table + 2048 * j);
      if (j > 0) c.op(OP.i64Xor);
    }
    c.store64(dst + 8 * i);
  }
}

/** T[j] = (value at addrA + offA + 8j) ⊕ (value at addrB + offB + 8j); address locals < 0 mean constant 0. */
function xor2(c: Code, addrA: number, offA: number, addrB: number, offB: number, dst: readonly number[]): void {
  for (let j = 0; j < 8; j++) {
    if (addrA < 0) c.i32(0);
    else c.get(addrA);
    c.load64(offA + 8 * j);
    if (addrB < 0) c.i32(0);
    else c.get(addrB);
    c.load64(offB + 8 * j).op(OP.i64Xor).set(dst[j]!);
  }
}

/**
 * g(m, nPtr): h = E(LPS(h ⊕ N), m) ⊕ h ⊕ m, with h at LAYOUT.h, m at address m and N at nPtr.
 * The round key K and the block being enciphered live in memory and every LPS output lane is stored
 * as soon as it is computed: the stores order the table loads, which V8 otherwise hoists en masse and
 * spills to the stack (1.45× slower when K and the block were kept in locals).
 * Locals: 0 m, 1 nPtr, 2 round offset, 3–10 the LPS input lanes.
 */
function gFunction(): number[] {
  const M = 0, NP = 1, R = 2;
  const T = [3, 4, 5, 6, 7, 8, 9, 10];
  const c = new Code();
  xor2(c, -1, LAYOUT.h, NP, 0, T); // T = h ⊕ N
  lps(c, T, LAYOUT.key); // K1
  xor2(c, -1, LAYOUT.key, M, 0, T);
  lps(c, T, LAYOUT.data); // LPSX[K1](m)
  c.i32(0).set(R);
  c.op(OP.loop, VOID);
  xor2(c, -1, LAYOUT.key, R, LAYOUT.roundConstants, T);
  lps(c, T, LAYOUT.key);
  xor2(c, -1, LAYOUT.key, -1, LAYOUT.data, T);
  lps(c, T, LAYOUT.data);
  c.get(R).i32(64).op(OP.i32Add).op(OP.localTee, R).i32(64 * 11).op(OP.i32Ne, OP.br_if, 0);
  c.op(OP.end);
  xor2(c, -1, LAYOUT.key, -1, LAYOUT.roundConstants + 64 * 11, T);
  lps(c, T, LAYOUT.key); // K13
  for (let j = 0; j < 8; j++) {
    c.i32(0);
    c.i32(0).load64(LAYOUT.key + 8 * j).i32(0).load64(LAYOUT.data + 8 * j).op(OP.i64Xor);
    c.i32(0).load64(LAYOUT.h + 8 * j).op(OP.i64Xor).get(M).load64(8 * j).op(OP.i64Xor).store64(LAYOUT.h + 8 * j);
  }
  c.op(OP.end);
  return body([[1, I32], [8, I64]], c);
}

/**
 * blocks(ptr, count): for each 64-byte block at ptr: h = g_N(h, m); N += 512; Σ += m.
 * Locals: 0 ptr, 1 count, 2 t, 3 s, 4 carry, 5 old.
 */
function blocksFunction(): number[] {
  const P = 0, CNT = 1, T = 2, S = 3, CARRY = 4, OLD = 5;
  const c = new Code();
  c.op(OP.block, VOID);
  c.get(CNT).op(OP.i32Eqz, OP.br_if, 0);
  c.op(OP.loop, VOID);
  c.get(P).i32(LAYOUT.n).op(OP.call, 0);
  // N += 512 (bit count), Σ += m, both modulo 2^512.
  for (const [dst, fromInput] of [[LAYOUT.n, false], [LAYOUT.sigma, true]] as const) {
    c.i64(0).set(CARRY);
    for (let j = 0; j < 8; j++) {
      c.i32(0).load64(dst + 8 * j).set(OLD);
      if (fromInput) c.get(P).load64(8 * j);
      else c.i64(j === 0 ? 512 : 0);
      c.get(OLD).op(OP.i64Add).set(T); // t = old + addend
      c.get(T).get(CARRY).op(OP.i64Add).set(S); // s = t + carry
      c.i32(0).get(S).store64(dst + 8 * j);
      // carry = (t < old) + (s < t)
      c.get(T).get(OLD).op(OP.i64LtU, OP.i64ExtendI32U);
      c.get(S).get(T).op(OP.i64LtU, OP.i64ExtendI32U).op(OP.i64Add).set(CARRY);
    }
  }
  c.get(P).i32(64).op(OP.i32Add).set(P);
  c.get(CNT).i32(1).op(OP.i32Sub).op(OP.localTee, CNT).op(OP.br_if, 0);
  c.op(OP.end, OP.end, OP.end);
  return body([[4, I64]], c);
}

export function buildStreebogWasm(): Uint8Array {
  const types = section(1, vec([[0x60, ...vec([[I32], [I32]]), ...vec([])]]));
  const funcs = section(3, vec([[0], [0]]));
  const memory = section(5, vec([[0x00, ...uleb(LAYOUT.pages)]]));
  const exports = section(7, vec([
    [...name('memory'), 0x02, 0],
    [...name('g'), 0x00, 0],
    [...name('blocks'), 0x00, 1],
  ]));
  const bodies = [gFunction(), blocksFunction()].map((b) => [...uleb(b.length), ...b]);
  const code = section(10, vec(bodies));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...funcs, ...memory, ...exports, ...code]);
}

export function moduleSource(bytes: Uint8Array): string {
  return wasmModuleSource(bytes, 'streebogWasmGen.ts', 'WebAssembly module of the Streebog compression function (GOST R 34.11-2012)', 'STREEBOG_WASM_BASE64');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./streebogWasmModule.ts', import.meta.url));
  writeFileSync(out, moduleSource(buildStreebogWasm()));
  console.log(`wrote ${out}`);
}

/**
 * The code-section reader on small modules written as text: each row's function holds the
 * instruction under test beside the constants it must (or must not) report, so an immediate read
 * wrongly shows up as a missing or extra number.
 */
import { loadBinaryen } from "./binaryen";
import { functionBodyConstants } from "./codeConstants";

/** The constants of a module holding `body` as its one function (after `setup` functions, if any). */
async function constantsOf(body: string, features = 0): Promise<number[][]> {
  const b = await loadBinaryen();
  const m = b.parseText(`(module
    (memory 1)
    (data $d "abc")
    (table 1 funcref)
    (type $unary (func (param i32) (result i32)))
    (tag $e (param i32))
    (func $id (type $unary) (local.get 0))
    (func $f (param $p i32) (result i32) (local $l i64) (local $x f64)
      ${body}))`);
  try {
    m.setFeatures(b.Features.MVP | b.Features.BulkMemory | b.Features.ExceptionHandling | features);
    return functionBodyConstants(m.emitBinary());
  } finally {
    m.dispose();
  }
}

describe("functionBodyConstants", () => {
  test.each([
    ["an i32.const", "(i32.const 1024)", [1024]],
    ["a negative i32.const is no address", "(i32.add (i32.const -5) (i32.const 2147483647))", [2147483647]],
    ["a load's offset and address", "(i32.load offset=16 (i32.const 7))", [7, 16]],
    ["a load without offset", "(i32.load8_u (local.get $p))", []],
    [
      "a store's offset, an i64 and float constants skipped",
      "(i64.store offset=300 (i32.const 8) (i64.const 123456789)) (drop (f64.const 1.5)) (drop (f32.const 2.5)) (i32.const 9)",
      [8, 300, 9],
    ],
    [
      "block, loop, if and br_table",
      "(drop (if (result i32) (local.get $p) (then (i32.const 13)) (else (i32.const 14)))) (block $out (loop $again (br_table $out $again $out (i32.const 12)))) (i32.const 11)",
      [11, 12, 13, 14],
    ],
    [
      "calls",
      "(drop (call $id (i32.const 21))) (call_indirect (type $unary) (i32.const 22) (i32.const 0))",
      [21, 22, 0],
    ],
    [
      "bulk memory",
      "(memory.init $d (i32.const 31) (i32.const 0) (i32.const 3)) (data.drop $d) (memory.fill (i32.const 32) (i32.const 0) (i32.const 1)) (memory.copy (i32.const 33) (i32.const 34) (i32.const 1)) (i32.const 35)",
      [31, 0, 3, 32, 0, 1, 33, 34, 1, 35],
    ],
    [
      "try, catch, catch_all and throw",
      "(try (result i32) (do (throw $e (i32.const 41))) (catch $e (drop (pop i32)) (i32.const 42)) (catch_all (i32.const 43)))",
      [41, 42, 43],
    ],
    [
      "a constant compared with, multiplied, masked or shifted is no address; one added is",
      "(drop (i32.lt_u (local.get $p) (i32.const 10000))) (drop (i32.mul (local.get $p) (i32.const 1000))) (drop (i32.and (local.get $p) (i32.const 4095))) (drop (i32.shl (local.get $p) (i32.const 3))) (drop (i32.eq (local.get $p) (i32.const 8232))) (drop (i32.add (local.get $p) (i32.const 4096))) (i32.const 3000)",
      [4096, 3000],
    ],
    [
      "locals, select and memory.size",
      "(local.set $l (i64.const 5)) (local.set $x (f64.const 0)) (select (i32.const 51) (memory.size) (local.get $p))",
      [51],
    ],
  ])("%s", async (_name, body, want) => {
    const [, f] = await constantsOf(body);
    expect([...f].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
  });

  test("an instruction it does not know is an error, not skipped", async () => {
    const b = await loadBinaryen();
    await expect(
      constantsOf("(i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))", b.Features.SIMD128),
    ).rejects.toThrow(/unknown opcode 0xfd/);
  });
});

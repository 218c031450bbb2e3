/**
 * The generated code trusts that rt_true and rt_false return the addresses of value.ts's static
 * booleans ([tag 1 = T_BOOLEAN][1 or 0], in the runtime's data). Checked on the runtime's bytes, so a
 * change of the value layout fails here rather than in every policy that tests a boolean.
 */
import { type Binaryen, type BinaryenModule, loadBinaryen } from "./binaryen";
import { loadRuntime } from "./runtime";
import { RuntimeSymbols } from "./runtimeSymbols";
import { staticBooleans } from "./staticBooleans";

jest.setTimeout(180_000);

const T_BOOLEAN = 1;

/** The two u32 words at `address` in the runtime's active data segments. */
function valueWords(m: BinaryenModule, address: number): [number, number] | undefined {
  for (let i = 0; i < m.getNumMemorySegments(); i++) {
    const info = m.getMemorySegmentInfo(String(i));
    const offset = Number(info.offset);
    const data = new Uint8Array(info.data);
    if (info.passive || address < offset || address + 8 > offset + data.length) continue;
    const words = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return [words.getUint32(address - offset, true), words.getUint32(address - offset + 4, true)];
  }
  return undefined;
}

describe("staticBooleans", () => {
  let b: Binaryen;
  let m: BinaryenModule;

  beforeAll(async () => {
    b = await loadBinaryen();
    m = b.readBinary(await loadRuntime());
  });

  afterAll(() => m.dispose());

  it("reads the addresses of the runtime's true and false values", () => {
    const { trueAddress, falseAddress } = staticBooleans(b, m, new RuntimeSymbols(b, m));
    expect(valueWords(m, trueAddress)).toEqual([T_BOOLEAN, 1]);
    expect(valueWords(m, falseAddress)).toEqual([T_BOOLEAN, 0]);
  });
});

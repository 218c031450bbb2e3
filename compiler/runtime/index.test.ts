// Every builtin a family file defines must reach the module's exports: index.ts has to re-export the
// file, or the back end would silently send the builtin to the host instead.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runtimeWasm } from "./build";

const builtinsDir = join(__dirname, "builtins");

const defined = readdirSync(builtinsDir)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  .flatMap((file) =>
    [...readFileSync(join(builtinsDir, file), "utf8").matchAll(/^export function (builtin_\w+)/gm)].map(
      (match) => [file, match[1]] as const,
    ),
  );

let exported: Set<string>;
beforeAll(async () => {
  const module = await WebAssembly.compile(await runtimeWasm());
  exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
}, 300_000);

test("the families define builtins", () => {
  expect(defined.length).toBeGreaterThan(50);
});

test.each(defined)("%s: %s is exported by runtime.wasm", (_file, name) => {
  expect(exported.has(name)).toBe(true);
});

/**
 * The project's host builtins are declared as the OPA the project pins declares them: each entry of
 * compiler/host/capabilities.json equals the same builtin's name, decl and nondeterministic flag in
 * `opa capabilities --current`, so an OPA upgrade that changes one shows here.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { opaBinary, opaMissingReason } from "./opaModule";

interface Entry {
  name: string;
  decl: unknown;
  nondeterministic?: boolean;
}

const declared = (
  JSON.parse(readFileSync(path.join(__dirname, "../../compiler/host/capabilities.json"), "utf8")) as {
    builtins: Entry[];
  }
).builtins;

test("compiler/host/capabilities.json is OPA's declarations of those builtins", () => {
  const missing = opaMissingReason();
  if (missing !== undefined) throw new Error(missing);
  const run = spawnSync(opaBinary, ["capabilities", "--current"], { encoding: "utf8" });
  expect(run.status).toBe(0);
  const opa = new Map((JSON.parse(run.stdout) as { builtins: Entry[] }).builtins.map((b) => [b.name, b]));
  for (const entry of declared) {
    const theirs = opa.get(entry.name);
    expect({ name: entry.name, decl: theirs?.decl, nondeterministic: theirs?.nondeterministic }).toEqual({
      name: entry.name,
      decl: entry.decl,
      nondeterministic: entry.nondeterministic,
    });
  }
});

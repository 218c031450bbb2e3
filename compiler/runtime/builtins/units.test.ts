import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, argument in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string, string][] = [
  ["builtin_units_parse", '"500m"', "0.5"],
  ["builtin_units_parse", '"0.0005K"', "0.5"],
  ["builtin_units_parse", '"0.0000005M"', "0.5"],
  ["builtin_units_parse", '"0"', "0"],
  ["builtin_units_parse", '".0"', "0"],
  ["builtin_units_parse", '"12345"', "12345"],
  ["builtin_units_parse", '"1G"', "1000000000"],
  ["builtin_units_parse", '"10K"', "10000"],
  ["builtin_units_parse", '"10KI"', "10240"],
  ["builtin_units_parse", '"1.1Ki"', "1126.4"],
  ["builtin_units_parse", '"100m"', "0.1"],
  ["builtin_units_parse", '"100M"', "100000000"],
  ["builtin_units_parse", '"100mi"', "104857600"],
  ["builtin_units_parse", '"100p"', "100000000000000000"],
  ["builtin_units_parse", '"100Pi"', "112589990684262400"],
  ["builtin_units_parse", '"10e"', "10000000000000000000"],
  ["builtin_units_parse", '"10Ei"', "11529215046068469760"],
  ["builtin_units_parse", '"5E"', "5000000000000000000"],
  ["builtin_units_parse", '"1e10"', "10000000000"],
  ["builtin_units_parse", '"1e-2"', "0.01"],
  ["builtin_units_parse", '"2.5e3K"', "2500000"],
  ["builtin_units_parse", '"5e1Gi"', "53687091200"],
  ["builtin_units_parse", '"7.8E-1"', "0.78"],
  ["builtin_units_parse", '"-3.5E2m"', "-0.35"],
  ["builtin_units_parse", '"\\"100TI\\""', "109951162777600"],
  ["builtin_units_parse_bytes", '"0.0"', "0"],
  ["builtin_units_parse_bytes", '"12345"', "12345"],
  ["builtin_units_parse_bytes", '"10KB"', "10000"],
  ["builtin_units_parse_bytes", '"10Kib"', "10240"],
  ["builtin_units_parse_bytes", '"1.1KiB"', "1126"],
  ["builtin_units_parse_bytes", '".5KB"', "500"],
  ["builtin_units_parse_bytes", '"100m"', "100000000"],
  ["builtin_units_parse_bytes", '"100mi"', "104857600"],
  ["builtin_units_parse_bytes", '"128Gi"', "137438953472"],
  ["builtin_units_parse_bytes", '"10eib"', "11529215046068469760"],
  ["builtin_units_parse_bytes", '"1e-2KB"', "10"],
  ["builtin_units_parse_bytes", '"3.2E2MiB"', "335544320"],
  ["builtin_units_parse_bytes", '"7.5e1TiB"', "82463372083200"],
  ["builtin_units_parse_bytes", '"5e6"', "5000000"],
  ["builtin_units_parse_bytes", '"5E"', "5000000000000000000"],
  ["builtin_units_parse_bytes", '"\\"100TIB\\""', "109951162777600"],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%s) = %s", (fn, arg, want) => {
  expect(rt.call(fn, arg)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, argument, OPA's error message]
const errors: [string, string, string][] = [
  ["builtin_units_parse", '""', "units.parse: no amount provided"],
  ["builtin_units_parse", '"G"', "units.parse: no amount provided"],
  ["builtin_units_parse", '"foo"', "units.parse: no amount provided"],
  ["builtin_units_parse", '"0.0.0"', "units.parse: could not parse amount to a number"],
  ["builtin_units_parse", '".5.2"', "units.parse: could not parse amount to a number"],
  ["builtin_units_parse", '"100 k"', "units.parse: spaces not allowed in resource strings"],
  ["builtin_units_parse", '" 327Mi "', "units.parse: spaces not allowed in resource strings"],
  ["builtin_units_parse", '"5mb"', "units.parse: unit mb not recognized"],
  ["builtin_units_parse", "5", "units.parse: operand 1 must be string but got number"],
  ["builtin_units_parse_bytes", '""', "units.parse_bytes: no byte amount provided"],
  ["builtin_units_parse_bytes", '"GB"', "units.parse_bytes: no byte amount provided"],
  ["builtin_units_parse_bytes", '"0.0.0"', "units.parse_bytes: could not parse byte amount to a number"],
  ["builtin_units_parse_bytes", '"100 kb"', "units.parse_bytes: spaces not allowed in resource strings"],
  ["builtin_units_parse_bytes", '"5xb"', "units.parse_bytes: byte unit xb not recognized"],
];

test.each(errors)("%s(%s) fails: %s", (fn, arg, message) => {
  expect(() => rt.call(fn, arg)).toThrow(message);
});

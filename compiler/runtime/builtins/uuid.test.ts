import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [uuid.parse's argument, its result in Rego syntax], from `opa eval`: every spelling google/uuid
// reads (dashed, 32 digits, urn:uuid: in any case, one character either side, upper-case digits),
// each variant and MAC kind, the v2 domains, timestamps that wrap Go's int64 nanoseconds, and
// strings that are no UUID (undefined).
const results: [string, string][] = [
  [
    "000003e8-48b9-21ee-b200-325096b39f47",
    '{"clocksequence": 12800, "domain": "Person", "id": 1000, "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47", "time": 1693566990121469600, "variant": "RFC4122", "version": 2}',
  ],
  [
    "urn:uuid:000003e8-48b9-21ee-b200-325096b39f47",
    '{"clocksequence": 12800, "domain": "Person", "id": 1000, "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47", "time": 1693566990121469600, "variant": "RFC4122", "version": 2}',
  ],
  ["00000000-0000-4000-8000-000000000000", '{"variant": "RFC4122", "version": 4}'],
  ["{00000000-0000-4000-8000-000000000000}", '{"variant": "RFC4122", "version": 4}'],
  ["x00000000-0000-4000-8000-000000000000y", '{"variant": "RFC4122", "version": 4}'],
  ["URN:UUID:00000000-0000-4000-8000-000000000000", '{"variant": "RFC4122", "version": 4}'],
  ["6bea8ef2d3d33cd184e09bab06a52ece", '{"variant": "RFC4122", "version": 3}'],
  [
    "6BA7B8109DAD11D180B400C04FD430C8",
    '{"clocksequence": 180, "macvariables": "global:unicast", "nodeid": "00-c0-4f-d4-30-c8", "time": 886630433151182400, "variant": "RFC4122", "version": 1}',
  ],
  ["38074da4-0b00-388d-9c3c-362de965547a", '{"variant": "RFC4122", "version": 3}'],
  [
    "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    '{"clocksequence": 180, "macvariables": "global:unicast", "nodeid": "00-c0-4f-d4-30-c8", "time": 886630433151182400, "variant": "RFC4122", "version": 1}',
  ],
  [
    "6ba7b810-9dad-11d1-00b4-03c04fd430c8",
    '{"clocksequence": 180, "macvariables": "local:multicast", "nodeid": "03-c0-4f-d4-30-c8", "time": 886630433151182400, "variant": "Reserved", "version": 1}',
  ],
  [
    "6ba7b810-9dad-11d1-c0b4-01c04fd430c8",
    '{"clocksequence": 180, "macvariables": "global:multicast", "nodeid": "01-c0-4f-d4-30-c8", "time": 886630433151182400, "variant": "Microsoft", "version": 1}',
  ],
  [
    "6ba7b810-9dad-11d1-e0b4-02c04fd430c8",
    '{"clocksequence": 8372, "macvariables": "local:unicast", "nodeid": "02-c0-4f-d4-30-c8", "time": 886630433151182400, "variant": "Future", "version": 1}',
  ],
  [
    "000003e8-48b9-21ee-b201-325096b39f47",
    '{"clocksequence": 12801, "domain": "Group", "id": 1000, "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47", "time": 1693566990121469600, "variant": "RFC4122", "version": 2}',
  ],
  [
    "000003e8-48b9-21ee-b202-325096b39f47",
    '{"clocksequence": 12802, "domain": "Org", "id": 1000, "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47", "time": 1693566990121469600, "variant": "RFC4122", "version": 2}',
  ],
  [
    "000003e8-48b9-21ee-b203-325096b39f47",
    '{"clocksequence": 12803, "domain": "Domain3", "id": 1000, "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47", "time": 1693566990121469600, "variant": "RFC4122", "version": 2}',
  ],
  [
    "ffffffff-ffff-1fff-8000-000000000000",
    '{"clocksequence": 0, "macvariables": "global:unicast", "nodeid": "00-00-00-00-00-00", "time": -7607606781572612196, "variant": "RFC4122", "version": 1}',
  ],
  [
    "00000000-0000-1000-8000-000000000000",
    '{"clocksequence": 0, "macvariables": "global:unicast", "nodeid": "00-00-00-00-00-00", "time": 6227451273709551616, "variant": "RFC4122", "version": 1}',
  ],
  ["0188f0a0-0000-7000-8000-000000000000", '{"variant": "RFC4122", "version": 7}'],
  ["1EC9414C-232A-6B00-B3C8-9E6BDECED846", '{"variant": "RFC4122", "version": 6}'],
  ["00000000-0000-0000-0000-000000000000", '{"variant": "Reserved", "version": 0}'],
  ["", "undefined"],
  ["zz", "undefined"],
  ["6ba7b8109dad11d180b400c04fd430cZ", "undefined"],
  ["6ba7b810-9dad-11d1-80b4_00c04fd430c8", "undefined"],
  ["6ba7b810-9dad-11d1-80b4-00c04fd430cg", "undefined"],
  ["urn:uuix:00000000-0000-4000-8000-000000000000", "undefined"],
  ["00000000-0000-4000-8000-0000000000000", "undefined"],
  [
    "ffffffff-48b9-21ee-b200-325096b39f47",
    '{"clocksequence": 12800, "domain": "Person", "id": 4294967295, "macvariables": "local:unicast", "nodeid": "32-50-96-b3-9f-47", "time": 1693567419618099100, "variant": "RFC4122", "version": 2}',
  ],
];

test.each(results)("uuid.parse(%j) = %s", (uuid, want) => {
  const got = rt.call("builtin_uuid_parse", JSON.stringify(uuid));
  expect(got).toBe(want === "undefined" ? want : rt.dump(rt.value(want)));
});

test("a non-string fails as OPA's does", () => {
  expect(() => rt.call("builtin_uuid_parse", "123")).toThrow(
    "uuid.parse: operand 1 must be string but got number",
  );
});

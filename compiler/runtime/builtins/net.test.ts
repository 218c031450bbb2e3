import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const s = (text: string) => JSON.stringify(text);

// [cidr, cidr or address, net.cidr_contains]: Go's ParseIP/ParseCIDR/IPNet.Contains, as OPA.
const contains: [string, string, boolean][] = [
  // OPA's conformance cases
  ["10.0.0.0/8", "10.1.0.0/24", true],
  ["172.17.0.0/24", "172.17.0.0/16", false],
  ["10.0.0.0/8", "192.168.1.0/24", false],
  ["10.0.0.0/8", "10.1.1.1/32", true],
  ["2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40", true],
  ["2001:4860:4860::8888/32", "2001:4860:4860:1234:5678:1234:5678:8888/128", true],
  ["2001:4860::/96", "2001:4860::/32", false],
  ["2001:4860::/32", "fd1e:5bfe:8af3:9ddc::/64", false],
  ["10.0.0.0/8", "10.1.2.3", true],
  ["10.0.0.0/8", "192.168.1.1", false],
  // prefix boundaries
  ["10.0.0.0/8", "10.255.255.255", true],
  ["10.0.0.0/8", "11.0.0.0", false],
  ["10.0.0.0/8", "9.255.255.255", false],
  ["192.168.1.128/25", "192.168.1.127", false],
  ["192.168.1.128/25", "192.168.1.255", true],
  ["192.168.1.5/24", "192.168.1.200", true], // host bits of the network are ignored
  ["10.0.0.0/8", "10.0.0.0/7", false],
  ["10.0.0.0/8", "10.0.0.0/8", true],
  ["0.0.0.0/0", "255.255.255.255", true],
  ["0.0.0.0/0", "0.0.0.0/0", true],
  ["1.2.3.4/32", "1.2.3.4", true],
  ["1.2.3.4/32", "1.2.3.5", false],
  ["2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true],
  ["2001:db8::/32", "2001:db9::", false],
  ["2001:db8::/33", "2001:db8:8000::", false],
  ["2001:db8::/33", "2001:db8:7fff::1", true],
  ["::/0", "2001:db8::1", true],
  ["::1/128", "::1", true],
  ["::1/128", "::2", false],
  ["fe80::/10", "febf::1", true],
  ["fe80::/10", "fec0::1", false],
  // IPv4 addresses compare as 4 bytes (Go's To4): only IPv4-mapped IPv6 networks contain them
  ["::ffff:0:0/96", "10.1.2.3", true],
  ["::ffff:10.0.0.0/104", "10.1.2.3", true],
  ["::ffff:10.0.0.0/104", "11.1.2.3", false],
  ["::/0", "10.1.2.3", false],
  ["0.0.0.0/0", "::ffff:10.1.2.3", true],
  ["0.0.0.0/0", "2001:db8::1", false],
  ["10.0.0.0/8", "::ffff:10.0.0.0/104", true],
  ["2001:db8::/32", "10.0.0.0/8", false],
  ["::ffff:1.2.3.4/128", "1.2.3.4", true],
  ["64:ff9b::/96", "64:ff9b::10.0.0.1", true],
];

// [text, net.cidr_is_valid]
const validity: [string, boolean][] = [
  ["192.168.1.0/24", true],
  ["", false],
  ["there goes a string", false],
  ["192.168.1.2", false],
  ["2002::1234:abcd:ffff:c0a8:101/64", true],
  ["0.0.0.0/0", true],
  ["::/0", true],
  ["1.2.3.4/32", true],
  ["1.2.3.4/33", false],
  ["::1/128", true],
  ["::1/129", false],
  ["1.2.3.4/08", true],
  ["1.2.3.4/", false],
  ["1.2.3.4/+1", false],
  ["1.2.3.4/-1", false],
  ["1.2.3.4/24/1", false],
  ["1.2.3.4 /24", false],
  ["/24", false],
  ["01.2.3.4/24", false], // leading zeros are rejected
  ["1.2.3.256/24", false],
  ["1.2.3/24", false],
  ["1.2.3.4.5/24", false],
  ["1..3.4/24", false],
  ["fe80::1%eth0/64", false], // zones are rejected
  ["1::2::3/64", false],
  ["1:2:3:4:5:6:7:8/64", true],
  ["1:2:3:4:5:6:7:8:9/64", false],
  ["1:2:3:4:5:6:7::/64", true],
  ["::1:2:3:4:5:6:7:8/64", false], // "::" must stand for at least one zero group
  ["12345::/16", false],
  ["1:2:3:4:5:6:7/64", false],
  [":1::/64", false],
  ["1::/64", true],
  ["::ffff:1.2.3.4/128", true],
  ["::1.2.3.4/100", true],
  ["1:2:3:4:5:6:1.2.3.4/96", true],
  ["1:2:3:4:5:1.2.3.4/96", false],
  ["1:2:3:4:5:6:7:1.2.3.4/96", false],
  ["::ffff:1.2.3/128", false],
  ["ABCD:EF01::/32", true],
  ["g::/16", false],
];

// [export, arguments (Rego), result (Rego syntax as dumped)]
const results: [string, string[], string][] = [
  ["builtin_net_cidr_intersects", ['"192.168.1.0/25"', '"192.168.1.64/25"'], "true"],
  ["builtin_net_cidr_intersects", ['"192.168.1.0/24"', '"192.168.2.0/24"'], "false"],
  ["builtin_net_cidr_intersects", ['"fd1e:5bfe:8af3:9ddc::/64"', '"fd1e:5bfe:8af3:9ddc:1111::/72"'], "true"],
  ["builtin_net_cidr_intersects", ['"fd1e:5bfe:8af3:9ddc::/64"', '"2001:4860:4860::8888/32"'], "false"],
  ["builtin_net_cidr_intersects", ['"10.0.0.0/8"', '"0.0.0.0/0"'], "true"],
  ["builtin_net_cidr_intersects", ['"10.0.0.0/8"', '"::ffff:10.0.0.0/104"'], "true"],
  ["builtin_net_cidr_intersects", ['"10.0.0.0/8"', '"::/0"'], "false"],
  ["builtin_net_cidr_overlap", ['"10.0.0.0/8"', '"10.1.2.3"'], "true"], // OPA: the same as cidr_contains
  ["builtin_net_cidr_overlap", ['"10.0.0.0/16"', '"10.0.0.0/8"'], "false"],
  [
    "builtin_net_cidr_expand",
    ['"192.168.1.1/30"'],
    '{"192.168.1.0","192.168.1.1","192.168.1.2","192.168.1.3"}',
  ],
  [
    "builtin_net_cidr_expand",
    ['"172.16.100.255/30"'],
    '{"172.16.100.252","172.16.100.253","172.16.100.254","172.16.100.255"}',
  ],
  ["builtin_net_cidr_expand", ['"192.168.1.1/32"'], '{"192.168.1.1"}'],
  ["builtin_net_cidr_expand", ['"255.255.255.255/32"'], '{"255.255.255.255"}'],
  [
    "builtin_net_cidr_expand",
    ['"2001:db8::/126"'],
    '{"2001:db8::","2001:db8::1","2001:db8::2","2001:db8::3"}',
  ],
  ["builtin_net_cidr_expand", ['"::ffff:10.0.0.0/127"'], '{"10.0.0.0","10.0.0.1"}'],
  ["builtin_net_cidr_expand", ['"1:0:0:1:0:0:0:0/128"'], '{"1:0:0:1::"}'],
  ["builtin_net_cidr_expand", ['"1:0:0:2:0:0:3:4/128"'], '{"1::2:0:0:3:4"}'],
  ["builtin_net_cidr_expand", ['"::/128"'], '{"::"}'],
  ["builtin_net_cidr_expand", ['"1:2:3:4:5:6:7:8/128"'], '{"1:2:3:4:5:6:7:8"}'],
  ["builtin_net_cidr_expand", ['"fe80:0:0:0:1:0:0:ABCD/128"'], '{"fe80::1:0:0:abcd"}'],
  ["builtin_net_cidr_contains_matches", ['"1.1.1.0/24"', '"1.1.1.1"'], '{["1.1.1.0/24","1.1.1.1"]}'],
  [
    "builtin_net_cidr_contains_matches",
    ['["1.1.2.0/24", "1.1.1.0/24"]', '["1.1.1.1", "1.1.2.1"]'],
    "{[0,1],[1,0]}",
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['[["1.1.2.0/24", 1], "1.1.1.0/24"]', '["1.1.1.1", "1.1.2.1"]'],
    "{[0,1],[1,0]}",
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['{"1.1.1.0/24", "1.1.2.0/24"}', '{"1.1.1.1", "1.1.2.1"}'],
    '{["1.1.1.0/24","1.1.1.1"],["1.1.2.0/24","1.1.2.1"]}',
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['{["1.1.1.0/24", "bar"], ["1.1.2.0/24", "foo"]}', '{["1.1.1.1", "baz"], ["1.1.2.1", "qux"]}'],
    '{[["1.1.1.0/24","bar"],["1.1.1.1","baz"]],[["1.1.2.0/24","foo"],["1.1.2.1","qux"]]}',
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['{"k1": "1.1.1.1/24", "k2": ["1.1.1.2/24", 1]}', '"1.1.1.128"'],
    '{["k1","1.1.1.128"],["k2","1.1.1.128"]}',
  ],
  ["builtin_net_cidr_contains_matches", ['["10.0.0.0/8"]', '["192.168.0.1"]'], "set()"],
  // net.cidr_merge: OPA's conformance cases, then Go's printing of unmerged networks
  [
    "builtin_net_cidr_merge",
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]'],
    '{"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"}',
  ],
  [
    "builtin_net_cidr_merge",
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]'],
    '{"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"}',
  ],
  [
    "builtin_net_cidr_merge",
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]'],
    '{"2601:600:8a80:207e::/64"}',
  ],
  ["builtin_net_cidr_merge", ['["192.0.128.0/24"]'], '{"192.0.128.0/24"}'],
  ["builtin_net_cidr_merge", ['["192.0.128.0/24", "192.0.128.0/24"]'], '{"192.0.128.0/24"}'],
  ["builtin_net_cidr_merge", ['["192.0.128.0/24", "0.0.0.0/0"]'], '{"0.0.0.0/0"}'],
  ["builtin_net_cidr_merge", ['["192.0.128.0/24", "192.0.129.0/24"]'], '{"192.0.128.0/23"}'],
  [
    "builtin_net_cidr_merge",
    ['["192.0.2.112/30", "192.0.2.116/31", "192.0.2.118/31"]'],
    '{"192.0.2.112/29"}',
  ],
  ["builtin_net_cidr_merge", ['["192.0.129.0/24", "192.0.130.0/24"]'], '{"192.0.129.0/24","192.0.130.0/24"}'],
  [
    "builtin_net_cidr_merge",
    ['["192.0.2.112/30", "192.0.2.116/32", "192.0.2.118/31"]'],
    '{"192.0.2.112/30","192.0.2.116/32","192.0.2.118/31"}',
  ],
  [
    "builtin_net_cidr_merge",
    ['["192.0.2.112/31", "192.0.2.116/31", "192.0.2.118/31"]'],
    '{"192.0.2.112/31","192.0.2.116/30"}',
  ],
  [
    "builtin_net_cidr_merge",
    [
      '["192.0.1.254/31", "192.0.2.0/28", "192.0.2.16/28", "192.0.2.32/28", "192.0.2.48/28", "192.0.2.64/28", "192.0.2.80/28", "192.0.2.96/28", "192.0.2.112/28", "192.0.2.128/28", "192.0.2.144/28", "192.0.2.160/28", "192.0.2.176/28", "192.0.2.192/28", "192.0.2.208/28", "192.0.2.224/28", "192.0.2.240/28", "192.0.3.0/28"]',
    ],
    '{"192.0.1.254/31","192.0.2.0/24","192.0.3.0/28"}',
  ],
  ["builtin_net_cidr_merge", ['["::/0", "fe80::1/128"]'], '{"::/0"}'],
  ["builtin_net_cidr_merge", ['["::/0", "::192.0.2.0/124", "ff00::101/128"]'], '{"::/0"}'],
  [
    "builtin_net_cidr_merge",
    ['["fe80::/120", "192.0.2.0/24", "192.0.3.0/24", "192.0.4.0/25", "192.0.4.128/25"]'],
    '{"192.0.2.0/23","192.0.4.0/24","fe80::/120"}',
  ],
  ["builtin_net_cidr_merge", ["[]"], "set()"],
  ["builtin_net_cidr_merge", ['["192.0.2.112", "192.0.2.116/31", "192.0.2.118/31"]'], '{"192.0.2.0/24"}'],
  ["builtin_net_cidr_merge", ['["192.0.128.0", "192.0.129.0"]'], '{"192.0.128.0/23"}'],
  [
    "builtin_net_cidr_merge",
    ['{"192.0.2.112/30", "192.0.2.116/31", "192.0.2.118/31"}'],
    '{"192.0.2.112/29"}',
  ],
  ["builtin_net_cidr_merge", ['["192.0.2.112"]'], '{"192.0.2.112/24"}'],
  ["builtin_net_cidr_merge", ['["10.1.2.3", "172.16.0.1"]'], '{"10.1.2.3/8","172.16.0.1/16"}'],
  ["builtin_net_cidr_merge", ['["10.0.0.0/8", "11.0.0.0/8", "12.0.0.0/7"]'], '{"10.0.0.0/7","12.0.0.0/7"}'],
  ["builtin_net_cidr_merge", ['["10.0.0.0/9", "10.128.0.0/9", "11.0.0.0/8"]'], '{"10.0.0.0/7"}'],
  ["builtin_net_cidr_merge", ['["2001:db8::/33", "2001:db8:8000::/33"]'], '{"2001:db8::/32"}'],
  ["builtin_net_cidr_merge", ['["0.0.0.0/1", "128.0.0.0/1"]'], '{"0.0.0.0/0"}'],
];

// [export, arguments, error message]
const errors: [string, string[], string][] = [
  [
    "builtin_net_cidr_contains",
    ['"not-a-cidr"', '"192.168.1.67"'],
    "net.cidr_contains: invalid CIDR address: not-a-cidr",
  ],
  [
    "builtin_net_cidr_contains",
    ['"192.168.1.0/28"', '"not-a-cidr"'],
    "net.cidr_contains: not a valid textual representation of an IP address or CIDR: not-a-cidr",
  ],
  [
    "builtin_net_cidr_contains",
    ['"10.0.0.0/8"', '"010.1.2.3"'],
    "net.cidr_contains: not a valid textual representation of an IP address or CIDR: 010.1.2.3",
  ],
  [
    "builtin_net_cidr_contains",
    ['"10.0.0.0/8"', "1"],
    "net.cidr_contains: operand 1 must be string but got number",
  ],
  [
    "builtin_net_cidr_contains",
    ["null", '"1.2.3.4"'],
    "net.cidr_contains: operand 1 must be string but got null",
  ],
  [
    "builtin_net_cidr_intersects",
    ['"not-a-cidr"', '"192.168.1.0/24"'],
    "net.cidr_intersects: invalid CIDR address",
  ],
  [
    "builtin_net_cidr_intersects",
    ['"192.168.1.0/28"', '"1.2.3.4"'],
    "net.cidr_intersects: invalid CIDR address: 1.2.3.4",
  ],
  ["builtin_net_cidr_overlap", ['"x"', '"1.2.3.4"'], "net.cidr_overlap: invalid CIDR address: x"],
  ["builtin_net_cidr_expand", ['"192.168.1.1/33"'], "net.cidr_expand: invalid CIDR address: 192.168.1.1/33"],
  ["builtin_net_cidr_expand", ['"10.0.0.0/8"'], "net.cidr_expand: too many addresses to expand: 10.0.0.0/8"],
  [
    "builtin_net_cidr_contains_matches",
    ['["1.1.2.0/24", "1.1.1.0/24"]', '["1.1.1.1", 1]'],
    "net.cidr_contains_matches: operand 2: element must be string or non-empty array",
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['{["1.1.1.0/24", "bar"]}', '{[], ["1.1.2.1", "qux"]}'],
    "net.cidr_contains_matches: operand 2: element must be string or non-empty array",
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['[["1.1.2.0/24", 1], []]', '"1.1.1.1"'],
    "net.cidr_contains_matches: operand 1: element must be string or non-empty array",
  ],
  [
    "builtin_net_cidr_contains_matches",
    ['"1.1.1.0/24"', '"nope"'],
    "net.cidr_contains_matches: not a valid textual representation of an IP address or CIDR: nope",
  ],
  [
    "builtin_net_cidr_merge",
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3"]'],
    "net.cidr_merge: IPv6 invalid: needs prefix length",
  ],
  ["builtin_net_cidr_merge", ['["foo"]'], "net.cidr_merge: invalid CIDR address: foo"],
  ["builtin_net_cidr_merge", ["[1]"], "net.cidr_merge: element must be string"],
  ["builtin_net_cidr_merge", ['"10.0.0.0/8"'], "net.cidr_merge: operand must be an array"],
];

describe("net.cidr_contains", () => {
  test.each(contains)("net.cidr_contains(%j, %j) = %s", (cidr, inner, want) => {
    expect(rt.call("builtin_net_cidr_contains", s(cidr), s(inner))).toBe(String(want));
  });
});

describe("net.cidr_is_valid", () => {
  test.each(validity)("net.cidr_is_valid(%j) = %s", (text, want) => {
    expect(rt.call("builtin_net_cidr_is_valid", s(text))).toBe(String(want));
  });

  test("a non-string operand is not a valid CIDR", () => {
    expect(rt.call("builtin_net_cidr_is_valid", "24")).toBe("false");
  });
});

describe("intersects, overlap, expand, contains_matches", () => {
  test.each(results)("%s(%j) = %s", (name, args, want) => {
    expect(rt.call(name, ...args)).toBe(want);
  });

  test.each(errors)("%s(%j) fails with %j", (name, args, message) => {
    expect(() => rt.call(name, ...args)).toThrow(message);
  });
});

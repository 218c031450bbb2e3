import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

/** A Rego string literal of `s`. */
const quoted = (s: string) => JSON.stringify(s);

// [builtin export, arguments in Rego syntax, hex digest]. Digests from `opa eval`; they include the
// standard vectors (RFC 1321 §A.5, FIPS 180-4's "abc" and 448-bit messages, RFC 2202/4231 "Jefe"),
// messages whose padding needs a second block (55, 56, 64 bytes; 120 bytes under a 128-byte HMAC
// block) and keys of a block and one byte more (hashed first).
const digests: [string, string[], string][] = [
  ["builtin_crypto_md5", [quoted("")], "d41d8cd98f00b204e9800998ecf8427e"],
  ["builtin_crypto_md5", [quoted("abc")], "900150983cd24fb0d6963f7d28e17f72"],
  ["builtin_crypto_md5", [quoted("message digest")], "f96b697d7cb7938d525a2f31aaf161d0"],
  [
    "builtin_crypto_md5",
    [quoted("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")],
    "8215ef0796a20bcaaae116d3876c664a",
  ],
  [
    "builtin_crypto_md5",
    [quoted("12345678901234567890123456789012345678901234567890123456789012345678901234567890")],
    "57edf4a22be3c955ac49da2e2107b67a",
  ],
  ["builtin_crypto_md5", [quoted("åäöçß🥲♙Ω")], "773728a952c877ed0cc9305d50dece17"],
  ["builtin_crypto_md5", [quoted("lorem ipsum")], "80a751fde577028640c419000e33eba6"],
  ["builtin_crypto_md5", [quoted("a".repeat(55))], "ef1772b6dff9a122358552954ad0df65"],
  ["builtin_crypto_md5", [quoted("a".repeat(56))], "3b0c8ac703f828b04c6c197006d17218"],
  ["builtin_crypto_md5", [quoted("a".repeat(64))], "014842d480b571495a4a0363793f7367"],
  ["builtin_crypto_sha1", [quoted("")], "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
  ["builtin_crypto_sha1", [quoted("abc")], "a9993e364706816aba3e25717850c26c9cd0d89d"],
  ["builtin_crypto_sha1", [quoted("message digest")], "c12252ceda8be8994d5fa0290a47231c1d16aae3"],
  [
    "builtin_crypto_sha1",
    [quoted("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")],
    "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
  ],
  [
    "builtin_crypto_sha1",
    [quoted("12345678901234567890123456789012345678901234567890123456789012345678901234567890")],
    "50abf5706a150990a08b2c5ea40fa0e585554732",
  ],
  ["builtin_crypto_sha1", [quoted("åäöçß🥲♙Ω")], "e39f3cab4d4257e23ffc355d8b5b72f4a9a7fd03"],
  ["builtin_crypto_sha1", [quoted("lorem ipsum")], "bfb7759a67daeb65410490b4d98bb9da7d1ea2ce"],
  ["builtin_crypto_sha1", [quoted("a".repeat(55))], "c1c8bbdc22796e28c0e15163d20899b65621d65a"],
  ["builtin_crypto_sha1", [quoted("a".repeat(56))], "c2db330f6083854c99d4b5bfb6e8f29f201be699"],
  ["builtin_crypto_sha1", [quoted("a".repeat(64))], "0098ba824b5c16427bd7a1122a5a442a25ec644d"],
  ["builtin_crypto_sha256", [quoted("")], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  [
    "builtin_crypto_sha256",
    [quoted("abc")],
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("message digest")],
    "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")],
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("12345678901234567890123456789012345678901234567890123456789012345678901234567890")],
    "f371bc4a311f2b009eef952dd83ca80e2b60026c8e935592d0f9c308453c813e",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("åäöçß🥲♙Ω")],
    "5a529e5c7987895c4105059ad6a2a3cf5fe50e5bb5c05bb869d63644a0c382fa",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("lorem ipsum")],
    "5e2bf57d3f40c4b6df69daf1936cb766f832374b4fc0259a7cbff06e2f70f269",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("a".repeat(55))],
    "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("a".repeat(56))],
    "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
  ],
  [
    "builtin_crypto_sha256",
    [quoted("a".repeat(64))],
    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
  ],
  [
    "builtin_crypto_hmac_md5",
    [quoted("what do ya want for nothing?"), quoted("Jefe")],
    "750c783e6ab0b503eaa86e310a5db738",
  ],
  ["builtin_crypto_hmac_md5", [quoted(""), quoted("")], "74e6f7298a9c2d168935f58c001bad88"],
  ["builtin_crypto_hmac_md5", [quoted("foo"), quoted("bar")], "31b6db9e5eb4addb42f1a6ca07367adc"],
  [
    "builtin_crypto_hmac_md5",
    [quoted("Test Using Larger Than Block-Size Key - Hash Key First"), quoted("k".repeat(200))],
    "3e7624a9a199277713dcfbed3449f679",
  ],
  [
    "builtin_crypto_hmac_md5",
    [quoted("message"), quoted("k".repeat(64))],
    "5b3e99b172f3c3b5aed9a324c65ba911",
  ],
  [
    "builtin_crypto_hmac_md5",
    [quoted("message"), quoted("k".repeat(65))],
    "dc23d5d92d6f1feb3502b61d7102376b",
  ],
  [
    "builtin_crypto_hmac_md5",
    [quoted("message"), quoted("k".repeat(128))],
    "657acaae8fd51139dd7d33f4a9e15643",
  ],
  [
    "builtin_crypto_hmac_md5",
    [quoted("message"), quoted("k".repeat(129))],
    "357c64f601a5d9742a539b821998f7ea",
  ],
  ["builtin_crypto_hmac_md5", [quoted("m".repeat(120)), quoted("key")], "37d432088263f99904ffbc55b21da36e"],
  ["builtin_crypto_hmac_md5", [quoted("åäöçß🥲♙Ω"), quoted("秘密の")], "20a8743c2157ac60b7e8b79c83651b8d"],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("what do ya want for nothing?"), quoted("Jefe")],
    "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
  ],
  ["builtin_crypto_hmac_sha1", [quoted(""), quoted("")], "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d"],
  ["builtin_crypto_hmac_sha1", [quoted("foo"), quoted("bar")], "85d155c55ed286a300bd1cf124de08d87e914f3a"],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("Test Using Larger Than Block-Size Key - Hash Key First"), quoted("k".repeat(200))],
    "cef3643c0a63a1a3ae926ae6101bb9fc2788eb6b",
  ],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("message"), quoted("k".repeat(64))],
    "0a0b7a314b101739c3557f6b5e1dd6ab55658970",
  ],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("message"), quoted("k".repeat(65))],
    "9e8b701143a82cdc059a72a86230df264354cdb0",
  ],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("message"), quoted("k".repeat(128))],
    "7dcdfe6e8a72c5869d1f433788bbf0e5e5938213",
  ],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("message"), quoted("k".repeat(129))],
    "0184a27544e89f78df616668aa192b6f37567e4b",
  ],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("m".repeat(120)), quoted("key")],
    "34f74fb8ba7604877e66361b01a2258874445b80",
  ],
  [
    "builtin_crypto_hmac_sha1",
    [quoted("åäöçß🥲♙Ω"), quoted("秘密の")],
    "81759c39013935fcf0de833d44c8018d7c1455dd",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("what do ya want for nothing?"), quoted("Jefe")],
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted(""), quoted("")],
    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("foo"), quoted("bar")],
    "147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("Test Using Larger Than Block-Size Key - Hash Key First"), quoted("k".repeat(200))],
    "55b1419c353d340f1437ea7bd2e2bf3a58084a1f39132059783d68a2961aea8a",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("message"), quoted("k".repeat(64))],
    "890f3a16e0ca0aaa3bf180f70fa8e3970b3fd6505e98fde157988dcc19d1685c",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("message"), quoted("k".repeat(65))],
    "0c256505306af48015530c139bb7add5ad7a6a9291cd511278a067e765816fbd",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("message"), quoted("k".repeat(128))],
    "a1c1f063bb735c543c0ae6f7337601029f26e4622c4bc0da64151605b384301e",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("message"), quoted("k".repeat(129))],
    "c86a40471f8eefc36a72313a3945543cf3b9e084052e6029ceb69204938f5000",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("m".repeat(120)), quoted("key")],
    "72139e662453130e4c74e7b91aff450b1a5357ace9aee1b4a11e916076bd0342",
  ],
  [
    "builtin_crypto_hmac_sha256",
    [quoted("åäöçß🥲♙Ω"), quoted("秘密の")],
    "eb90daeb76d4b2571fbdaf94bbb240809faa8fed93ec0c260dd38c3fdf8d963a",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("what do ya want for nothing?"), quoted("Jefe")],
    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted(""), quoted("")],
    "b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac6730c6c515421b327ec1d69402e53dfb49ad7381eb067b338fd7b0cb22247225d47",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("foo"), quoted("bar")],
    "24257d7210582a65c731ec55159c8184cc24c02489453e58587f71f44c23a2d61b4b72154a89d17b2d49448a8452ea066f4fc56a2bcead45c088572ffccdb3d8",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("Test Using Larger Than Block-Size Key - Hash Key First"), quoted("k".repeat(200))],
    "c087939889fc034d1c7fd784bfe9cff8666d906fad89653d34d6c711597ecb32e0f96ca57e6660a3fcaaa6fab99f98e418b7b314eab6ebf8e9d7c9b57235993a",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("message"), quoted("k".repeat(64))],
    "4cd1b806ed0ebdc4b8f139a81d082c39c54ce770f16d2726bc0555af4f818a52a979a576c3be4bb836a6de134ef985be1524b202dde3f5037f20cf4b07988470",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("message"), quoted("k".repeat(65))],
    "82ce6d725390e57cf263470bb911690d1129c25ed77ee8621e41d6c536d1b79dd8367655bf4ae33b7d119711f2cedae547a927897586b7ece10306dbe0181b5e",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("message"), quoted("k".repeat(128))],
    "805f06d4d6d9c923f1a7efd79ca62a1478d7c4e894197141c86ff559583f500e6c2c704f9dd8c308a9e28e35537b5a8991d8ae7decbd1d3da1807a1c7c45ea55",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("message"), quoted("k".repeat(129))],
    "45fbc89230c41637233ee17b490378762bbbf97f33ca184570a79d3bd33ec952313f97605c20aa4b2ca01760fe03f3f454cd03db86acb45ec652fb97c66a4878",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("m".repeat(120)), quoted("key")],
    "ffbd24f762769e36bdc083c5178084641739124b8661899f8512519a67a1384d44c4d0efd9d45bb0359c60191fca497b61e1289225d17a99765816b4b0012bdc",
  ],
  [
    "builtin_crypto_hmac_sha512",
    [quoted("åäöçß🥲♙Ω"), quoted("秘密の")],
    "192f5afded233d6e21427aa26ed267ac118cfa2971013d91cbed530c0b208d78138b83dfe1d6cc3553d7bd518f22a481402c723028e1279d1ffbe8f11ea6b125",
  ],
];

test.each(digests)("%s, case %#", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(quoted(want));
});

const comparisons: [string, string, boolean][] = [
  ["31b6db9e5eb4addb42f1a6ca07367adc", "31b6db9e5eb4addb42f1a6ca07367adc", true],
  ["31b6db9e5eb4addb42f1a6ca07367adc", "31b6db9e5eb4addb", false],
  ["abc", "abd", false],
  ["", "", true],
];

test.each(comparisons)("crypto.hmac.equal(%j, %j) = %j", (mac1, mac2, want) => {
  expect(rt.call("builtin_crypto_hmac_equal", quoted(mac1), quoted(mac2))).toBe(String(want));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  ["builtin_crypto_md5", ["1"], "crypto.md5: operand 1 must be string but got number"],
  ["builtin_crypto_sha256", ["null"], "crypto.sha256: operand 1 must be string but got null"],
  ["builtin_crypto_hmac_sha256", ['"x"', "1"], "crypto.hmac.sha256: operand 2 must be string but got number"],
  ["builtin_crypto_hmac_equal", ["1", '"a"'], "crypto.hmac.equal: operand 1 must be string but got number"],
  ["builtin_crypto_hmac_equal", ['"a"', "1"], "crypto.hmac.equal: operand 2 must be string but got number"],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});

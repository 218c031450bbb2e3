/** Tests are TypeScript, transformed by swc; dynamic import() stays native so ESM-only binaryen loads. */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs", ignoreDynamic: true },
      },
    ],
  },
  testMatch: ["**/*.test.ts"],
  // tests/opa and tests/pulumi need the Go-built tools: jest.tiers.config.js runs them.
  testPathIgnorePatterns: ["/node_modules/", "/examples/", "/tests/opa/", "/tests/pulumi/"],
  // .tools holds built binaries and, on a developer machine, sources of tools: nothing jest should map.
  modulePathIgnorePatterns: ["<rootDir>/.tools/"],
};

// Lint TypeScript with typescript-eslint's recommended rules. The AssemblyScript runtime is another
// language (decorators on functions, usize/i32 types) and is checked by its own compiler, asc.
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  {
    ignores: [
      "node_modules/**",
      // Built tools (and, on a developer machine, sources of tools): not this project's code.
      ".tools/**",
      "compiler/runtime/**/*.ts",
      "compiler/runtime/build/**",
      "policies/generated/**",
      "**/*.js",
      "!guard/bin.js",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);

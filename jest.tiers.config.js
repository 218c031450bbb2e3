/**
 * The tiers that need the Go-built tools in .tools/bin (npm run test:opa, npm run test:pulumi): the same
 * transform as jest.config.js, over the folders that `npm test` leaves out.
 */
const base = require("./jest.config.js");

module.exports = { ...base, testPathIgnorePatterns: ["/node_modules/", "/examples/"] };

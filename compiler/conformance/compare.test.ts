import { canonical, sameResultSet, sameValue } from "./compare";

describe("sameValue", () => {
  test.each([
    { actual: { a: 1, b: [1, 2] }, expected: { b: [1, 2], a: 1 }, sort: false, same: true },
    { actual: [2, 1], expected: [1, 2], sort: false, same: false },
    { actual: [2, 1], expected: [1, 2], sort: true, same: true },
    { actual: [{ b: 1 }, "a"], expected: ["a", { b: 1 }], sort: true, same: true },
    { actual: 1, expected: 1.0, sort: false, same: true },
    { actual: "1", expected: 1, sort: false, same: false },
    { actual: null, expected: undefined, sort: false, same: false },
    { actual: { a: [2, 1] }, expected: { a: [1, 2] }, sort: true, same: false },
  ])("$actual vs $expected (sort $sort) → $same", ({ actual, expected, sort, same }) => {
    expect(sameValue(actual, expected, sort)).toBe(same);
  });
});

describe("sameResultSet", () => {
  test.each([
    { actual: [{ x: 1 }, { x: 2 }], expected: [{ x: 2 }, { x: 1 }], sort: false, same: true },
    { actual: [{ x: [3, 1] }], expected: [{ x: [1, 3] }], sort: true, same: true },
    { actual: [{ x: [3, 1] }], expected: [{ x: [1, 3] }], sort: false, same: false },
    { actual: [], expected: [], sort: false, same: true },
    { actual: [{ x: 1 }], expected: [], sort: false, same: false },
    { actual: undefined, expected: [], sort: false, same: false },
  ])("$actual vs $expected (sort $sort) → $same", ({ actual, expected, sort, same }) => {
    expect(sameResultSet(actual, expected, sort)).toBe(same);
  });
});

test("canonical sorts object keys at every depth", () => {
  expect(canonical({ b: { d: 1, c: 2 }, a: [{ z: 0, y: 1 }] })).toBe(
    '{"a":[{"y":1,"z":0}],"b":{"c":2,"d":1}}',
  );
});

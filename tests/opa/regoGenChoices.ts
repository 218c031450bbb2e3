/**
 * The random decisions behind one generated program, as a plain list of numbers read in order. The
 * generator is a deterministic function of this list, so fast-check shrinks programs by shrinking the
 * list: fewer and smaller numbers. Option 0 of every decision is the simplest one, and a spent list
 * answers 0, so a shrunk list yields a small program that is still well formed.
 */
import fc from "fast-check";

export class Choices {
  private position = 0;

  constructor(private readonly values: readonly number[]) {}

  /** An index in [0, n). */
  index(n: number): number {
    const value = this.values[this.position++];
    return value === undefined ? 0 : value % n;
  }

  /** One of the options; the first one when the list is spent. */
  oneOf<T>(options: readonly T[]): T {
    return options[this.index(options.length)];
  }

  /** True with about the given percentage; false when the list is spent. */
  chance(percent: number): boolean {
    return this.index(100) >= 100 - percent;
  }
}

/** Enough decisions for a module of a few rules; the generator's depth limits bound the rest. */
export const choiceLists = fc.array(fc.nat({ max: 0xffff }), { minLength: 150, maxLength: 400, size: "max" });

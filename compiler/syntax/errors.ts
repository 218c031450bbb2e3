/**
 * A Rego syntax error with the position it was found at. `message` is the bare explanation;
 * `toString()` prints it the way OPA does (`file:row:col: rego_parse_error: message`) followed by
 * the offending source line and a caret under the column, so an author sees what the parser
 * tripped over.
 */
export class RegoSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly col: number,
    message: string,
    /** The module's source, for the caret display; empty when unknown. */
    source: string = "",
  ) {
    // No stack trace: it would tell where in the parser the error was found, which no reader of a
    // Rego syntax error needs, and capturing one for each error that speculative parses throw and
    // catch was about half of the parse time.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = "RegoSyntaxError";
    this.#source = source;
  }

  /** Kept private (not an own enumerable property) so printing the error does not dump the module. */
  readonly #source: string;

  /**
   * The source line at `row`. Computed on demand: the parser throws and catches errors while
   * trying alternatives, and most are never shown.
   */
  get sourceLine(): string {
    return sourceLineAt(this.#source, this.row);
  }

  /** `file:row:col: rego_parse_error: message`, without the source excerpt. */
  get headline(): string {
    return `${this.file}:${this.row}:${this.col}: rego_parse_error: ${this.message}`;
  }

  toString(): string {
    if (this.sourceLine === "") return this.headline;
    // Tabs are kept so the caret lines up under the same characters in a terminal.
    const pad = Array.from(this.sourceLine.slice(0, this.col - 1), (ch) => (ch === "\t" ? "\t" : " ")).join(
      "",
    );
    return `${this.headline}\n\t${this.sourceLine}\n\t${pad}^`;
  }
}

/** The source line `row` (1-based) of `source`, without its line terminator. */
export function sourceLineAt(source: string, row: number): string {
  return (source.split("\n")[row - 1] ?? "").replace(/\r$/, "");
}

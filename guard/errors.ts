/** An error the user can fix (bad arguments or input): guard reports its message alone and exits with 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Whether the problem is with the command line itself, so the usage hint helps. */
    readonly aboutCommandLine = false,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

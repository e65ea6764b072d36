/**
 * Errors a CLI command reports to the user: one line on stderr and an exit code, never a stack
 * trace. Anything else that escapes a command is an internal error (a bug) and is reported as one.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

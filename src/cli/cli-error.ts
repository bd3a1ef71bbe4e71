/** A failure the CLI reports as one clear line and a non-zero exit status, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit status 2 is for usage mistakes, as with most Unix tools. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

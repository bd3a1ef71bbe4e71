/** Where the CLI writes: results to stdout (scriptable), notices to stderr. Injectable for tests. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Announces a generated admin secret: the only time it is ever shown. */
export function announceGeneratedSecret(output: CliOutput, appId: string, secret: string): void {
  output.err('');
  output.err('  A bootstrap admin client was created. Its secret is shown only this once:');
  output.err(`    client id:     ${appId}`);
  output.err(`    client secret: ${secret}`);
  output.err('  Set PROVISIO_ADMIN_CLIENT_ID / PROVISIO_ADMIN_CLIENT_SECRET to choose your own instead.');
  output.err('');
}

import { UsageError } from './cli-error.js';
import { clients, clientsUsage } from './commands/clients.js';
import { keys, keysUsage } from './commands/keys.js';
import { migrate, migrateUsage } from './commands/migrate.js';
import { serve, serveUsage } from './commands/serve.js';
import type { CliOutput } from './output.js';

type Command = (args: string[], env: NodeJS.ProcessEnv, output: CliOutput) => Promise<void>;

const commands: Record<string, { run: Command; usage: string }> = {
  serve: { run: serve, usage: serveUsage },
  migrate: { run: migrate, usage: migrateUsage },
  clients: { run: clients, usage: clientsUsage },
  keys: { run: keys, usage: keysUsage },
};

export const usage = `Usage:\n${Object.values(commands).map((c) => c.usage).join('\n\n')}`;

/** Dispatches `provisio <command> …`; `serve` is the default. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<void> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') return output.out(usage);
  if (first === undefined || first.startsWith('-')) return serve(argv, env, output);
  const command = commands[first];
  if (!command) throw new UsageError(`Unknown command '${first}'.\n${usage}`);
  return command.run(rest, env, output);
}

import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io';
import { processIo } from './cli-io';
import { COMMANDS } from './commands/commands';
import type { CommandContext } from './commands/tenon-command';
import { cliVersion } from './package-root';

/** Adds `--dry-run` to every command and subcommand that has not declared it itself. */
function addDryRun(command: Command): void {
  for (const sub of command.commands) {
    if (!sub.options.some((o) => o.long === '--dry-run'))
      sub.option('--dry-run', 'print what the command would do, change nothing');
    addDryRun(sub);
  }
}

/** Builds the `tenon` program: every command in `COMMANDS`, printing through `io`. */
export function buildProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('tenon')
    .description('Tenon: create, generate, run, build and migrate Tenon apps')
    .version(cliVersion(), '-v, --version', 'print the version of @tenon/cli')
    .showHelpAfterError('(tenon --help lists the commands)')
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
    })
    .exitOverride();
  const context: CommandContext = {
    io,
    action:
      (run) =>
      async (...args) => {
        try {
          exit.code = await run(...args);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          const message = (error as Error).message ?? String(error);
          io.err(
            typeof code === 'string' && code.startsWith('TENON_')
              ? `${code}: ${message}`
              : `error: ${message}`,
          );
          exit.code = 1;
        }
      },
  };
  for (const command of COMMANDS) command.register(program, context);
  addDryRun(program);
  // Subcommands print through the same output and throw instead of exiting the process.
  const configure = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({
        writeOut: (text) => io.out(text.replace(/\n$/, '')),
        writeErr: (text) => io.err(text.replace(/\n$/, '')),
      });
      configure(sub);
    }
  };
  configure(program);
  return program;
}

/**
 * Runs the `tenon` command line and returns the exit code: 0 success (and `--help`,
 * `--version`), 1 a failed command, 2 a usage mistake (unknown command or option).
 *
 * @example
 * process.exitCode = await runTenon(process.argv.slice(2));
 */
export async function runTenon(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const exit = { code: 0 };
  const program = buildProgram(io, exit);
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage mistake.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return exit.code;
}

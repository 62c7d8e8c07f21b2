import type { Command } from 'commander';
import type { CliIo } from '../cli-io';

/** What every command gets when it is registered. */
export interface CommandContext {
  readonly io: CliIo;
  /**
   * Wraps an action: its result is the exit code; a thrown `TenonError` is printed as
   * `CODE: message` (exit 1), anything else as `error: message`.
   */
  action<A extends unknown[]>(run: (...args: A) => Promise<number> | number): (...args: A) => Promise<void>;
}

/**
 * One `tenon` command, in its own file under `src/commands/`, listed once in `commands.ts`.
 * `register` adds it (name, arguments, options, action) to the program; `--dry-run` and
 * `--help` are added to every command by the program itself.
 *
 * @example
 * export const helloCommand: TenonCommand = {
 *   register(program, context) {
 *     program
 *       .command('hello <name>')
 *       .description('say hello')
 *       .action(context.action((name: string) => { context.io.out(`hello ${name}`); return 0; }));
 *   },
 * };
 */
export interface TenonCommand {
  register(program: Command, context: CommandContext): void;
}

import { Argument } from 'commander';
import { generate } from '../generate/generate';
import { GENERATOR_KINDS, type GeneratorKind } from '../generate/generators';
import { requireProject } from '../project/project';
import type { TenonCommand } from './tenon-command';

/** `tenon generate <kind> <name>` (alias `g`). */
export const generateCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('generate')
      .alias('g')
      .description(
        'write a resource, module, provider or entity with its test, and register it in its module',
      )
      .addArgument(new Argument('<kind>', 'what to generate').choices(GENERATOR_KINDS))
      .argument('<name>', 'its name, e.g. cats or blog-posts')
      .option('--force', 'overwrite files that exist')
      .option(
        '--module <file>',
        'the module file to register in (default: the feature module, else src/app.module.ts)',
      )
      .addHelpText(
        'after',
        '\nExamples:\n  tenon g resource cats        src/cats/* and test/cats/*, CatModule added to AppModule\n  tenon g service mailer --dry-run',
      )
      .action(
        action(
          (
            kind: GeneratorKind,
            name: string,
            options: { force?: boolean; dryRun?: boolean; module?: string },
          ) => generate(requireProject(io.cwd, 'generate'), kind, name, options, io),
        ),
      );
  },
};

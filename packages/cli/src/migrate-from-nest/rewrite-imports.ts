import type { ImportDeclaration } from 'ts-morph';
import type { FileMigration } from './file-migration';
import { addNamedImport, referencesTo } from './nest-imports';
import { NEST_NAMES, NEST_PACKAGES_NOT_YET, tenonSpelling } from './nest-names';
import { rewriteExpressImport } from './express-types';

/**
 * Moves every import from a mapped `@nestjs/*` package to its Tenon package, renaming the names
 * Tenon spells differently (`NestInterceptor` -> `TenonInterceptor`) at every use in the file.
 * Names with no Tenon spelling stay imported from Nest with a TODO; names no longer used after
 * the call rewrites (`FastifyAdapter`) are dropped.
 */
export function rewriteImports(migration: FileMigration): void {
  const { file } = migration;
  for (const declaration of file.getImportDeclarations()) {
    const module = declaration.getModuleSpecifierValue();
    if (module === 'express') {
      rewriteExpressImport(migration, declaration);
      continue;
    }
    if (!module.startsWith('@nestjs/')) continue;
    if (NEST_PACKAGES_NOT_YET[module] !== undefined) {
      migration.todo(declaration, `${module} has no Tenon counterpart yet: ${NEST_PACKAGES_NOT_YET[module]}`);
      continue;
    }
    if (NEST_NAMES[module] === undefined) {
      migration.todo(
        declaration,
        `${module} is not known to the codemod: find its Tenon counterpart by hand.`,
      );
      continue;
    }
    rewriteDeclaration(migration, declaration, module);
  }
}

function rewriteDeclaration(migration: FileMigration, declaration: ImportDeclaration, module: string): void {
  const { file } = migration;
  if (declaration.getNamespaceImport() || declaration.getDefaultImport()) {
    migration.todo(
      declaration,
      `import the names of ${module} one by one; the codemod maps named imports only.`,
    );
    return;
  }
  const typeOnly = declaration.isTypeOnly();
  const keep: string[] = [];
  for (const specifier of declaration.getNamedImports()) {
    const name = specifier.getName();
    const alias = specifier.getAliasNode()?.getText();
    const uses = referencesTo(file, specifier);
    if (uses.length === 0) {
      specifier.remove();
      migration.change(`import ${name} from ${module} dropped (no longer used)`);
      continue;
    }
    const mapping = tenonSpelling(module, name);
    if (mapping === undefined || mapping.module === undefined) {
      keep.push(name);
      migration.todo(
        declaration,
        mapping?.todo ??
          `${name} from ${module} has no Tenon spelling in the codemod's table: see docs/migrating-from-nest.md.`,
      );
      continue;
    }
    const target = mapping.name ?? name;
    const local = alias ?? target;
    if (alias === undefined && target !== name) {
      for (const use of uses) use.replaceWithText(target);
      migration.change(`${name} -> ${target}`);
    }
    const added = addNamedImport(
      file,
      mapping.module,
      local === target ? target : `${target} as ${local}`,
      typeOnly || specifier.isTypeOnly(),
    );
    if (mapping.todo) migration.todo(added, mapping.todo);
    specifier.remove();
  }
  if (declaration.getNamedImports().length === 0) {
    migration.change(`imports from ${module} moved to Tenon`);
    declaration.remove();
  } else if (keep.length > 0) {
    migration.change(`kept ${keep.join(', ')} from ${module} (no Tenon spelling)`);
  }
}

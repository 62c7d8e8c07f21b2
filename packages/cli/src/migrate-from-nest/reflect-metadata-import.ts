import { Node, SyntaxKind } from 'ts-morph';
import type { FileMigration } from './file-migration';

const TEST_FILE = /\.(spec|test|e2e-spec)\.ts$/;

/**
 * Adds `import 'reflect-metadata';` first in the app's entry files: the file that boots the
 * application and every test file. `@nestjs/core` imports it for the whole process; Tenon asks
 * the app to, and stops at import with TENON_CORE_REFLECT_METADATA_MISSING otherwise.
 */
export function addReflectMetadataImport(migration: FileMigration, bootsApplication: boolean): void {
  const { file } = migration;
  const entry = bootsApplication || TEST_FILE.test(file.getBaseName());
  if (!entry) return;
  const importsTenon = file
    .getImportDeclarations()
    .some((d) => d.getModuleSpecifierValue().startsWith('@tenon/'));
  if (!importsTenon) return;
  if (file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === 'reflect-metadata')) return;
  // Also when something such as a jest setup file already requires it: one import is cheap.
  const calls = file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .some(
      (c) =>
        Node.isIdentifier(c.getExpression()) &&
        c.getExpression().getText() === 'require' &&
        c.getArguments()[0]?.getText().includes('reflect-metadata'),
    );
  if (calls) return;
  file.insertImportDeclaration(0, { moduleSpecifier: 'reflect-metadata' });
  migration.change(
    "import 'reflect-metadata' added first (an entry file: Tenon does not import it for the app)",
  );
}

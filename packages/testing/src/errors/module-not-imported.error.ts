import { TenonError } from '@tenon/core';
import { formatCandidates, type NamedCandidate } from '../util/nearest-names';
import { TestingErrorCode } from './errors';

/** `overrideModule(M)` names a module that no module of the tree imports. */
export class ModuleNotImportedError extends TenonError {
  /**
   * @param nearest imported modules with names near `moduleName`
   * @param imported every imported module, listed when none is near
   */
  constructor(moduleName: string, nearest: readonly NamedCandidate[], imported: readonly NamedCandidate[]) {
    const hint = nearest.length
      ? `  Nearest imported modules: ${formatCandidates(nearest)}.`
      : `  No imported module has a near name; the tree imports ${formatCandidates(imported)}.`;
    super(
      TestingErrorCode.MODULE_NOT_IMPORTED,
      `Cannot override module ${moduleName}: no module of the testing module's tree imports it.\n${hint}\n` +
        '  Fix: pass the module class or the exact dynamic-module object that the tree imports; a module class also matches every dynamic module built from it (forRoot(), forRootAsync(), forFeature()).',
    );
  }
}

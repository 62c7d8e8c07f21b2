import {
  Node,
  SyntaxKind,
  type Identifier,
  type ImportDeclaration,
  type ImportSpecifier,
  type SourceFile,
} from 'ts-morph';

/** Whether `identifier` refers to `name` imported from `module` (under any local alias). */
export function isImportOf(identifier: Node, module: string, name: string): boolean {
  const specifier = importSpecifierOf(identifier);
  return (
    specifier !== undefined &&
    specifier.getName() === name &&
    specifier.getImportDeclaration().getModuleSpecifierValue() === module
  );
}

/** The import specifier an identifier refers to, if it refers to an imported name. */
export function importSpecifierOf(identifier: Node): ImportSpecifier | undefined {
  if (!Node.isIdentifier(identifier)) return undefined;
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  return declaration && Node.isImportSpecifier(declaration) ? declaration : undefined;
}

/** Every identifier of `file`, outside import declarations, that refers to `specifier`. */
export function referencesTo(file: SourceFile, specifier: ImportSpecifier): Identifier[] {
  const local = (specifier.getAliasNode() ?? specifier.getNameNode()).getText();
  return file
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter(
      (id) =>
        id.getText() === local &&
        id.getFirstAncestorByKind(SyntaxKind.ImportDeclaration) === undefined &&
        importSpecifierOf(id) === specifier,
    );
}

/** Whether the file imports anything from `module`. */
export function importsFrom(file: SourceFile, module: string): boolean {
  return file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === module);
}

/**
 * Adds `name` to the file's import from `module`, merging into an existing declaration; a
 * type-only request goes to a value import too (the name is then imported once).
 */
export function addNamedImport(
  file: SourceFile,
  module: string,
  name: string,
  typeOnly: boolean,
): ImportDeclaration {
  const declarations = file.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === module);
  for (const declaration of declarations) {
    if (declaration.getNamedImports().some((s) => s.getText() === name)) return declaration;
  }
  const target =
    declarations.find((d) => !d.isTypeOnly() && d.getNamespaceImport() === undefined) ??
    (typeOnly ? declarations.find((d) => d.isTypeOnly()) : undefined);
  if (target) {
    target.addNamedImport(name);
    return target;
  }
  // New imports go where the first Nest import was, so the diff stays beside what it replaces.
  const imports = file.getImportDeclarations();
  const first = imports.find((d) => /^@nestjs\//.test(d.getModuleSpecifierValue()));
  const index = first
    ? first.getChildIndex()
    : imports.length === 0
      ? 0
      : imports[imports.length - 1]!.getChildIndex() + 1;
  return file.insertImportDeclaration(index, {
    moduleSpecifier: module,
    namedImports: [name],
    isTypeOnly: typeOnly,
  });
}

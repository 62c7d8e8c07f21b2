import * as ts from 'typescript';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/** What a generator adds to a `@Module({...})`. */
export interface Registration {
  /** The module property that lists it. */
  readonly property: 'imports' | 'providers' | 'controllers';
  /** The class name to add (`CatModule`, `CatService`). */
  readonly name: string;
  /** Where the class comes from, as the module file would import it (`./cats/cat.module`). */
  readonly from: string;
  /**
   * Add the class inside `DataModule.forFeature([...])` in `imports` (a repository) rather than
   * as an element of the property itself.
   */
  readonly forFeature?: boolean;
}

interface Edit {
  pos: number;
  text: string;
}

const sameText = (node: ts.Node, file: ts.SourceFile, text: string): boolean =>
  node.getText(file).replace(/\s+/g, '') === text.replace(/\s+/g, '');

/** The `{...}` of the first `@Module({...})` class in the file. */
function moduleObject(file: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isClassDeclaration(node)) {
      for (const decorator of ts.getDecorators(node) ?? []) {
        const call = decorator.expression;
        if (
          ts.isCallExpression(call) &&
          ts.isIdentifier(call.expression) &&
          call.expression.text === 'Module' &&
          call.arguments[0] &&
          ts.isObjectLiteralExpression(call.arguments[0])
        )
          found = call.arguments[0];
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Line indentation of the line holding `pos`. */
function indentAt(source: string, pos: number): string {
  const lineStart = source.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** An edit that appends `text` as the last element of a comma-separated list in brackets. */
function appendToList(
  source: string,
  file: ts.SourceFile,
  list: ts.NodeArray<ts.Node>,
  open: ts.Node,
  text: string,
): Edit {
  if (list.length === 0) {
    // `[]` or `{}`: the first element, written inside the brackets.
    const start = open.getStart(file) + 1;
    const inner = source.slice(start, open.getEnd() - 1);
    return {
      pos: start,
      text: inner.trim() === '' && open.kind === ts.SyntaxKind.ObjectLiteralExpression ? ` ${text} ` : text,
    };
  }
  const last = list[list.length - 1]!;
  const end = list.hasTrailingComma ? source.indexOf(',', last.getEnd()) + 1 : last.getEnd();
  const multiline = source.slice(open.getStart(file), open.getEnd()).includes('\n');
  if (!multiline) return { pos: last.getEnd(), text: `, ${text}` };
  const indent = indentAt(source, last.getStart(file));
  return list.hasTrailingComma
    ? { pos: end, text: `\n${indent}${text},` }
    : { pos: end, text: `,\n${indent}${text}` };
}

/** The edit that imports `name` from `from` (merged into an existing import of that module). */
function importEdit(source: string, file: ts.SourceFile, name: string, from: string): Edit | undefined {
  const imports = file.statements.filter(ts.isImportDeclaration);
  for (const declaration of imports) {
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    if (specifier !== from) continue;
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    if (bindings.elements.some((e) => e.name.text === name)) return undefined;
    if (declaration.importClause?.isTypeOnly) continue;
    return appendToList(source, file, bindings.elements, bindings, name);
  }
  const quote = source.includes("from '") || !source.includes('from "') ? "'" : '"';
  const line = `import { ${name} } from ${quote}${from}${quote};`;
  const last = imports[imports.length - 1];
  return last ? { pos: last.getEnd(), text: `\n${line}` } : { pos: 0, text: `${line}\n` };
}

/**
 * Adds a class to a module's `@Module({...})` through the TypeScript AST and imports it. Returns
 * the new source, or `undefined` when the class is registered already (generators are idempotent).
 * Formatting is kept: one-line lists stay on one line, multi-line lists get a line of their own.
 *
 * @example
 * registerInModule(source, 'src/app.module.ts', { property: 'imports', name: 'CatModule', from: './cats/cat.module' });
 */
export function registerInModule(
  source: string,
  fileName: string,
  registration: Registration,
): string | undefined {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const object = moduleObject(file);
  if (!object)
    throw new CliError(
      CliErrorCode.MODULE_NOT_EDITABLE,
      `${fileName} has no class decorated with @Module({ ... }) (an object literal), so ${registration.name} could not be registered. ` +
        `Add ${registration.name} to a module's ${registration.property} by hand, or pass --module with the module file.`,
    );
  const edits: Edit[] = [];
  const { name, property } = registration;
  const element = registration.forFeature ? `DataModule.forFeature([${name}])` : name;
  const assignment = object.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === property,
  );
  if (!assignment) {
    edits.push(appendToList(source, file, object.properties, object, `${property}: [${element}]`));
  } else {
    const array = assignment.initializer;
    if (!ts.isArrayLiteralExpression(array))
      throw new CliError(
        CliErrorCode.MODULE_NOT_EDITABLE,
        `${fileName}: ${property} of @Module is not an array literal (${array.getText(file).slice(0, 60)}), so ${name} could not be added. ` +
          `Add ${element} to it by hand.`,
      );
    const feature = registration.forFeature
      ? array.elements.find(
          (e): e is ts.CallExpression =>
            ts.isCallExpression(e) &&
            sameText(e.expression, file, 'DataModule.forFeature') &&
            e.arguments[0] !== undefined &&
            ts.isArrayLiteralExpression(e.arguments[0]),
        )
      : undefined;
    if (feature) {
      const list = feature.arguments[0] as ts.ArrayLiteralExpression;
      if (list.elements.some((e) => sameText(e, file, name))) return undefined;
      edits.push(appendToList(source, file, list.elements, list, name));
    } else {
      if (array.elements.some((e) => sameText(e, file, element))) return undefined;
      edits.push(appendToList(source, file, array.elements, array, element));
    }
  }
  const classImport = importEdit(source, file, name, registration.from);
  if (classImport) edits.push(classImport);
  if (registration.forFeature) {
    const dataImport = importEdit(source, file, 'DataModule', '@tenon/data');
    if (dataImport) edits.push(dataImport);
  }
  // Later positions first, so earlier offsets stay valid; at one position, in the order added.
  let text = source;
  for (const edit of edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.pos - a.pos || b.i - a.i))
    text = text.slice(0, edit.pos) + edit.text + text.slice(edit.pos);
  return text;
}

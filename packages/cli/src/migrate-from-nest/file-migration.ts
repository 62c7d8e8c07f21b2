import type { Node, SourceFile } from 'ts-morph';

/** What the codemod did to one file, and what it left for a human. */
export interface FileChanges {
  /** The file's path relative to the migrated folder. */
  readonly path: string;
  /** One line per mechanical change. */
  readonly changes: string[];
  /** One line per `// TODO(tenon):` comment written. */
  readonly todos: string[];
}

/**
 * One source file under migration: the rewrites record what they changed, and ask for TODO
 * comments, which are written last (inserting text forgets ts-morph's nodes, so no rewrite may
 * run after them).
 */
export class FileMigration {
  readonly changes: string[] = [];
  /** Names the application is held in (`const app = await NestFactory.create(...)`). */
  readonly appVariables = new Set<string>();
  /** The file imported from `@nestjs/jwt` before the rewrite (its `signAsync` calls are JwtService's). */
  readonly usesNestJwt: boolean;
  private readonly pendingTodos: Array<{ node: Node; text: string }> = [];

  constructor(
    readonly file: SourceFile,
    /** Keep NestJS's error body (`errorFormat: 'nest'`) in the applications the file creates. */
    readonly nestErrors = true,
  ) {
    this.usesNestJwt = file
      .getImportDeclarations()
      .some((d) => d.getModuleSpecifierValue() === '@nestjs/jwt');
  }

  change(line: string): void {
    if (!this.changes.includes(line)) this.changes.push(line);
  }

  todo(node: Node, text: string): void {
    this.pendingTodos.push({ node, text });
  }

  /** Writes the TODO comments above their statements; one already there is not written twice. */
  writeTodos(): string[] {
    const written: string[] = [];
    const full = this.file.getFullText();
    const byPosition = this.pendingTodos
      .map(({ node, text }) => {
        const statement = statementOf(node);
        return { pos: statement.getStart(), indent: indentationAt(full, statement.getStart()), text };
      })
      .sort((a, b) => b.pos - a.pos);
    const seen = new Set<string>();
    for (const { pos, indent, text } of byPosition) {
      const comment = `// TODO(tenon): ${text}`;
      const key = `${pos}:${comment}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Idempotent: a second run finds the comment on one of the lines just above.
      const lineStart = full.lastIndexOf('\n', pos - 1) + 1;
      const before = full.slice(Math.max(0, lineStart - 2000), lineStart);
      if (before.split('\n').some((line) => line.trim() === comment)) continue;
      this.file.insertText(pos, `${comment}\n${indent}`);
      written.push(text);
    }
    return written.reverse();
  }
}

/** The statement (or class member, or import) a node belongs to: where its comment goes. */
function statementOf(node: Node): Node {
  let current: Node = node;
  for (;;) {
    const parent = current.getParent();
    if (!parent) return current;
    const kind = parent.getKindName();
    if (
      kind === 'SourceFile' ||
      kind === 'Block' ||
      kind === 'ClassDeclaration' ||
      kind === 'ModuleBlock' ||
      kind === 'CaseClause'
    )
      return current;
    // An element of an array or object literal that starts its own line takes the comment;
    // one sharing its line with others (`[A, B.forRoot()]`) leaves it to the enclosing statement.
    if ((kind === 'ArrayLiteralExpression' || kind === 'ObjectLiteralExpression') && startsLine(current))
      return current;
    current = parent;
  }
}

function startsLine(node: Node): boolean {
  const text = node.getSourceFile().getFullText();
  const start = node.getStart();
  return /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start));
}

function indentationAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, pos))![0];
}

import { Node, SyntaxKind, type Identifier, type ImportDeclaration } from 'ts-morph';
import type { FileMigration } from './file-migration';
import { addNamedImport, referencesTo } from './nest-imports';

/** Express's request and response types, and their Tenon (Fastify) spelling. */
const TYPES: Record<string, string> = { Request: 'HttpRequest', Response: 'HttpReply' };

/** Express response methods with the same arguments under another name on Fastify's reply. */
const REPLY_METHODS: Record<string, string> = { json: 'send', setHeader: 'header' };

const TODO =
  "Tenon serves on Fastify: Request and Response are now HttpRequest and HttpReply of @tenon/http (Fastify's request and reply), and res.json()/res.setHeader() became reply.send()/reply.header(); check any other Express call (res.locals, res.sendStatus(), req.get()).";

const KEPT_TODO =
  'Tenon serves on Fastify: type requests and replies as HttpRequest/HttpReply from @tenon/http; reply.send(body) replaces res.json(body).';

// The identifier a call chain starts from: `response` in `response.status(404).json(body)`.
function rootOf(node: Node): Node {
  let current = node;
  for (;;) {
    if (Node.isCallExpression(current)) current = current.getExpression();
    else if (Node.isPropertyAccessExpression(current)) current = current.getExpression();
    else if (Node.isNonNullExpression(current) || Node.isParenthesizedExpression(current))
      current = current.getExpression();
    else return current;
  }
}

// Names declared with the response type: `const res = ctx.getResponse<Response>()`, `res: Response`.
function replyNames(uses: readonly Identifier[]): Set<string> {
  const names = new Set<string>();
  for (const use of uses) {
    const reference = use.getParentIfKind(SyntaxKind.TypeReference);
    const holder = reference?.getParent();
    if (holder === undefined) continue;
    if (Node.isVariableDeclaration(holder) || Node.isParameterDeclaration(holder))
      names.add(holder.getName());
    else if (Node.isCallExpression(holder)) {
      const variable = holder.getParentIfKind(SyntaxKind.VariableDeclaration);
      if (variable) names.add(variable.getName());
    }
  }
  return names;
}

/**
 * `import type { Request, Response } from 'express'` (as exception filters and middleware of an
 * Express app have) becomes `HttpRequest as Request, HttpReply as Response` of @tenon/http, and
 * `res.json(body)` / `res.setHeader(name, value)` on a variable of that response type become
 * Fastify's `reply.send(body)` / `reply.header(name, value)`. Anything else imported from
 * express stays, with a TODO.
 */
export function rewriteExpressImport(migration: FileMigration, declaration: ImportDeclaration): void {
  const { file } = migration;
  const mapped = declaration.getNamedImports().filter((s) => TYPES[s.getName()] !== undefined);
  if (declaration.getDefaultImport() || declaration.getNamespaceImport() || mapped.length === 0) {
    migration.todo(declaration, KEPT_TODO);
    return;
  }
  const replies = new Set<string>();
  for (const specifier of mapped) {
    const name = specifier.getName();
    const local = specifier.getAliasNode()?.getText() ?? name;
    const uses = referencesTo(file, specifier);
    if (name === 'Response') for (const n of replyNames(uses)) replies.add(n);
    const added = addNamedImport(file, '@tenon/http', `${TYPES[name]} as ${local}`, true);
    migration.change(`${name} from express -> ${TYPES[name]} from @tenon/http`);
    specifier.remove();
    if (specifier === mapped[0]) migration.todo(added, TODO);
  }
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).reverse()) {
    const method = REPLY_METHODS[access.getName()];
    if (method === undefined || !Node.isCallExpression(access.getParent())) continue;
    const root = rootOf(access.getExpression());
    if (!Node.isIdentifier(root) || !replies.has(root.getText())) continue;
    migration.change(`res.${access.getName()}() -> reply.${method}()`);
    access.getNameNode().replaceWithText(method);
  }
  if (declaration.getNamedImports().length === 0) declaration.remove();
  else migration.todo(declaration, KEPT_TODO);
}

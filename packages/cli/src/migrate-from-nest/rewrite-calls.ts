import { Node, SyntaxKind, type CallExpression, type PropertyAccessExpression } from 'ts-morph';
import type { FileMigration } from './file-migration';
import { addNamedImport, isImportOf } from './nest-imports';
import { jwtOptionsText } from './jwt-options';

/** The option that keeps NestJS's error body, which clients and tests of a Nest app read. */
const NEST_ERRORS = "{ errorFormat: 'nest' }";
const NEST_ERRORS_TODO =
  "errorFormat: 'nest' keeps NestJS's error body ({ statusCode, message, error }) for existing clients; remove it to answer application/problem+json (RFC 9457), Tenon's default.";

/** The Nest application methods whose Tenon spelling is an option of `HttpApplication.create()`. */
const CREATE_OPTIONS: Readonly<Record<string, string>> = {
  setGlobalPrefix: "pass globalPrefix: '...' to HttpApplication.create() instead of setGlobalPrefix().",
  enableCors: 'pass cors: { ... } to HttpApplication.create() instead of enableCors().',
  enableVersioning:
    'pass versioning: { type: ... } to HttpApplication.create() instead of enableVersioning().',
  useStaticAssets: 'pass staticFiles: { root } to HttpApplication.create() instead of useStaticAssets().',
  setViewEngine: 'pass views: { root } to HttpApplication.create() instead of setViewEngine().',
  register: 'register Fastify plugins on app.fastify (await app.fastify.register(plugin)).',
};

/**
 * The mechanical call rewrites, found through the imports they depend on: `NestFactory.create`,
 * `app.listen(port, host)`, `createNestApplication()`, `getHttpAdapter().getInstance()`, and the
 * `@nestjs/jwt` API (`JwtModule.register`, `signAsync`, `verifyAsync`, `new JwtService`).
 */
export function rewriteCalls(migration: FileMigration): void {
  const { file } = migration;
  // The application variables first: `app.listen()` may come before nothing else tells what app is.
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const method = callee.getName();
    if (
      (method === 'create' && isImportOf(callee.getExpression(), '@nestjs/core', 'NestFactory')) ||
      (method === 'createNestApplication' && isFromTesting(migration))
    )
      recordAppVariable(migration, call);
  }
  // Innermost first, so that replacing a call never forgets one still to visit.
  const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression).reverse();
  for (const call of calls) {
    if (call.wasForgotten()) continue;
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const method = callee.getName();
    const receiver = callee.getExpression();
    if (method === 'create' && isImportOf(receiver, '@nestjs/core', 'NestFactory'))
      rewriteFactoryCreate(migration, call);
    else if (method === 'createApplicationContext' && isImportOf(receiver, '@nestjs/core', 'NestFactory')) {
      addNamedImport(file, '@tenon/core', 'ApplicationContext', false);
      call.replaceWithText(`ApplicationContext.create(${call.getArguments()[0]?.getText() ?? ''})`);
      migration.change('NestFactory.createApplicationContext() -> ApplicationContext.create()');
    } else if (method === 'createNestApplication' && isFromTesting(migration))
      rewriteCreateNestApplication(migration, call);
    else if (method === 'getInstance' && isGetHttpAdapter(receiver)) {
      const app = (receiver as CallExpression).getExpression();
      call.replaceWithText(`${(app as Node).getFirstChild()!.getText()}.fastify`);
      migration.change('app.getHttpAdapter().getInstance() -> app.fastify');
    } else if (method === 'listen' && migration.appVariables.has(receiver.getText()))
      rewriteListen(migration, call);
    else if (CREATE_OPTIONS[method] !== undefined && migration.appVariables.has(receiver.getText()))
      migration.todo(call, CREATE_OPTIONS[method]!);
    else if (method === 'register' && isImportOf(receiver, '@nestjs/jwt', 'JwtModule'))
      rewriteJwtRegister(migration, call);
    else if (method === 'registerAsync' && isImportOf(receiver, '@nestjs/jwt', 'JwtModule'))
      migration.todo(
        call,
        "SecurityModule.forRootAsync({ inject, useFactory: () => ({ jwt: { secret, algorithms: ['HS256'], expiresIn } }), globalGuards: false }) replaces JwtModule.registerAsync().",
      );
    else if ((method === 'signAsync' || method === 'verifyAsync') && migration.usesNestJwt)
      rewriteJwtCall(migration, call, method);
  }
  for (const created of file.getDescendantsOfKind(SyntaxKind.NewExpression).reverse()) {
    if (created.wasForgotten()) continue;
    if (isImportOf(created.getExpression(), '@nestjs/jwt', 'JwtService')) {
      const [options] = created.getArguments();
      addNamedImport(file, '@tenon/core', 'Logger', false);
      created.replaceWithText(
        `new JwtService({ jwt: ${jwtOptionsText(migration, created, options)} }, new Logger('JwtService'))`,
      );
      migration.change('new JwtService(options) -> new JwtService({ jwt }, logger)');
    }
  }
}

function isFromTesting(migration: FileMigration): boolean {
  return migration.file
    .getImportDeclarations()
    .some((d) => d.getModuleSpecifierValue() === '@nestjs/testing');
}

function isGetHttpAdapter(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getName() === 'getHttpAdapter';
}

/** `NestFactory.create<T>(AppModule, new FastifyAdapter(), options)` -> `HttpApplication.create(AppModule)`. */
function rewriteFactoryCreate(migration: FileMigration, call: CallExpression): void {
  const [root, ...rest] = call.getArguments();
  const args = [root?.getText() ?? ''];
  for (const arg of rest) {
    if (Node.isNewExpression(arg) && /Adapter$/.test(arg.getExpression().getText())) {
      if (arg.getArguments().length > 0)
        migration.todo(
          call,
          'the Fastify options given to the adapter go to HttpApplication.create() options (bodyLimit, trustProxy, ...).',
        );
      continue;
    }
    args.push(arg.getText());
    migration.todo(
      call,
      "Nest application options differ from Tenon's HttpApplicationOptions: check each one.",
    );
  }
  if (migration.nestErrors && args.length === 1) {
    args.push(NEST_ERRORS);
    migration.todo(call, NEST_ERRORS_TODO);
  }
  addNamedImport(migration.file, '@tenon/http', 'HttpApplication', false);
  call.replaceWithText(`HttpApplication.create(${args.join(', ')})`);
  migration.change('NestFactory.create() -> HttpApplication.create()');
}

/** `moduleRef.createNestApplication<T>(adapter)` -> `await moduleRef.createHttpApplication()`. */
function rewriteCreateNestApplication(migration: FileMigration, call: CallExpression): void {
  const callee = call.getExpression() as PropertyAccessExpression;
  const text = `${callee.getExpression().getText()}.createHttpApplication(${migration.nestErrors ? NEST_ERRORS : ''})`;
  if (migration.nestErrors)
    migration.change(`createHttpApplication(${NEST_ERRORS}): the tests keep reading NestJS's error body`);
  const awaited = Node.isAwaitExpression(call.getParent());
  const fn = call.getFirstAncestor((n) => Node.isFunctionLikeDeclaration(n) || Node.isArrowFunction(n));
  const isAsync = fn !== undefined && 'isAsync' in fn && (fn as unknown as { isAsync(): boolean }).isAsync();
  if (!awaited && !isAsync)
    migration.todo(call, 'createHttpApplication() returns a promise: await it in an async function.');
  call.replaceWithText(awaited || !isAsync ? text : `await ${text}`);
  migration.change('createNestApplication() -> await createHttpApplication()');
}

/** Remembers `app` in `const app = await NestFactory.create(...)` / `app = moduleRef.createNestApplication()`. */
function recordAppVariable(migration: FileMigration, call: CallExpression): void {
  let node: Node = call;
  while (Node.isAwaitExpression(node.getParent()) || Node.isAsExpression(node.getParent()))
    node = node.getParent()!;
  const parent = node.getParent();
  if (Node.isVariableDeclaration(parent)) migration.appVariables.add(parent.getName());
  else if (Node.isBinaryExpression(parent)) migration.appVariables.add(parent.getLeft().getText());
}

/** `app.listen(3000, '0.0.0.0')` -> `app.listen({ port: 3000, host: '0.0.0.0' })`. */
function rewriteListen(migration: FileMigration, call: CallExpression): void {
  const [port, host, ...rest] = call.getArguments();
  if (port === undefined || Node.isObjectLiteralExpression(port) || rest.length > 0) return;
  const portText = Node.isNumericLiteral(port) ? port.getText() : `Number(${port.getText()})`;
  const hostText = host === undefined ? '' : `, host: ${host.getText()}`;
  call.replaceWithText(`${call.getExpression().getText()}({ port: ${portText}${hostText} })`);
  migration.change('app.listen(port, host) -> app.listen({ port, host })');
}

/**
 * `JwtModule.register({ secret, signOptions: { expiresIn } })` ->
 * `SecurityModule.forRoot({ jwt: { ... }, globalGuards: false })`: JwtModule installs no guard,
 * so neither does the migrated module; the app's own guards keep deciding.
 */
function rewriteJwtRegister(migration: FileMigration, call: CallExpression): void {
  const [options] = call.getArguments();
  addNamedImport(migration.file, '@tenon/security', 'SecurityModule', false);
  migration.todo(
    call,
    "globalGuards: false keeps JwtModule's behaviour (no guard of its own): your guards decide. Drop it, your JWT guard and your @Public() to let SecurityModule authenticate every route (deny unless @Public() of @tenon/security).",
  );
  call.replaceWithText(
    `SecurityModule.forRoot({ jwt: ${jwtOptionsText(migration, call, options)}, globalGuards: false })`,
  );
  migration.change('JwtModule.register() -> SecurityModule.forRoot({ jwt, globalGuards: false })');
}

/** `jwt.signAsync(payload)` -> `jwt.sign(payload)`; `jwt.verifyAsync<T>(token, options)` -> `jwt.verify(token)`. */
function rewriteJwtCall(
  migration: FileMigration,
  call: CallExpression,
  method: 'signAsync' | 'verifyAsync',
): void {
  const callee = call.getExpression() as PropertyAccessExpression;
  const receiver = callee.getExpression().getText();
  const args = call.getArguments();
  if (method === 'signAsync') {
    if (args.length > 1)
      migration.todo(
        call,
        "per-token sign options: Tenon's sign(claims, { expiresIn, subject, audience }) takes no secret.",
      );
    call.replaceWithText(`${receiver}.sign(${args.map((a) => a.getText()).join(', ')})`);
    migration.change('jwtService.signAsync() -> jwtService.sign()');
    return;
  }
  const typeArgument = call.getTypeArguments()[0]?.getText();
  const verified = `${receiver}.verify(${args[0]?.getText() ?? ''})`;
  call.replaceWithText(typeArgument ? `(${verified} as Promise<${typeArgument}>)` : verified);
  migration.change(
    args.length > 1
      ? 'jwtService.verifyAsync(token, options) -> jwtService.verify(token) (keys and algorithms come from SecurityModule)'
      : 'jwtService.verifyAsync() -> jwtService.verify()',
  );
}

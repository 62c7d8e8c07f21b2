import { Node } from 'ts-morph';
import type { FileMigration } from './file-migration';

/**
 * Nest's JWT module options as Tenon's `jwt` options: `secret` (or `privateKey`/`publicKey` as a
 * key), `signOptions.expiresIn`, `issuer`, `audience`; the algorithm list is required in Tenon
 * (pinned algorithms), and so is a lifetime: the defaults chosen here get a TODO.
 */
export function jwtOptionsText(migration: FileMigration, at: Node, options: Node | undefined): string {
  const defaults = { algorithms: "['HS256']", expiresIn: "'1h'" };
  if (options === undefined || !Node.isObjectLiteralExpression(options)) {
    migration.todo(
      at,
      "Tenon's jwt options need secret (or keys), algorithms and expiresIn: check the values.",
    );
    return `{ algorithms: ${defaults.algorithms}, expiresIn: ${defaults.expiresIn}${options ? `, ...${options.getText()}` : ''} }`;
  }
  const read = (object: Node, name: string): string | undefined => {
    if (!Node.isObjectLiteralExpression(object)) return undefined;
    const property = object.getProperty(name);
    if (Node.isPropertyAssignment(property)) return property.getInitializer()?.getText();
    if (Node.isShorthandPropertyAssignment(property)) return property.getName();
    return undefined;
  };
  const sign = Node.isObjectLiteralExpression(options) ? options.getProperty('signOptions') : undefined;
  const signObject = Node.isPropertyAssignment(sign) ? sign.getInitializer() : undefined;
  const fromSign = (name: string): string | undefined => (signObject ? read(signObject, name) : undefined);
  const parts: string[] = [];
  const secret = read(options, 'secret');
  const privateKey = read(options, 'privateKey');
  const publicKey = read(options, 'publicKey');
  if (secret !== undefined) parts.push(`secret: ${secret}`);
  else if (privateKey !== undefined || publicKey !== undefined)
    parts.push(
      `keys: [{ kid: 'main'${privateKey ? `, privateKey: ${privateKey}` : ''}${publicKey ? `, publicKey: ${publicKey}` : ''} }]`,
    );
  else migration.todo(at, 'no secret found in the JWT options: set jwt.secret or jwt.keys.');
  const algorithm = fromSign('algorithm');
  parts.push(`algorithms: ${algorithm ? `[${algorithm}]` : defaults.algorithms}`);
  const expiresIn = fromSign('expiresIn');
  if (expiresIn === undefined)
    migration.todo(at, "Tenon's tokens always expire: choose jwt.expiresIn (the codemod wrote '1h').");
  parts.push(`expiresIn: ${expiresIn ?? defaults.expiresIn}`);
  for (const name of ['issuer', 'audience']) {
    const value = fromSign(name);
    if (value !== undefined) parts.push(`${name}: ${value}`);
  }
  if (read(options, 'global') !== undefined)
    migration.change('JwtModule global option dropped: SecurityModule is global');
  return `{ ${parts.join(', ')} }`;
}

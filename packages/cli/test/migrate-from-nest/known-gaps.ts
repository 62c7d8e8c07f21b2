/**
 * The fixture tests that do not pass on Tenon after the codemod and the committed hand edits,
 * each with the reason. The acceptance test fails when a test fails that is not listed here, and
 * when a listed test passes (then the line goes: the gap is closed).
 */
export const KNOWN_GAPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  cats: {},
  'auth-jwt': {},
  fastify: {},
};

/**
 * Failures explained by a Tenon feature that is not on main yet: recognised by their message, or
 * named (`app: full test name`) where the symptom is only a status. A feature that explains no
 * failure any more fails the test too, so the list shrinks as features land.
 */
export const PENDING_FEATURES: ReadonlyArray<{
  feature: string;
  message?: RegExp;
  tests?: readonly string[];
}> = [
  {
    feature: "NestJS error bodies ({ statusCode, message, error }) with errorFormat: 'nest'",
    tests: [
      'cats: Cats (e2e) POST /cats is forbidden without the admin role',
      'cats: Cats (e2e) POST /cats rejects an invalid body with 400',
      'cats: Cats (e2e) GET /cats/:id with a non-numeric id is a 400 from ParseIntPipe',
      'cats: Cats (e2e) GET /cats/slow/:ms past the timeout is a 408',
      'cats: Cats (e2e) GET /cats/upstream maps the failure to 502',
      'auth-jwt: Auth (e2e) POST /auth/login rejects bad credentials with 401',
      'auth-jwt: Auth (e2e) GET /auth/profile needs a token',
      'auth-jwt: Auth (e2e) GET /admin is forbidden to a user without the admin role',
    ],
  },
  {
    feature:
      'HttpException.getResponse() (the filter calls it; its TypeError reaches the catch-all filter as a 500)',
    tests: [
      'fastify: Cats on Fastify (e2e) GET /cats/abc is a 400 through the global filter',
      'fastify: Cats on Fastify (e2e) POST /cats needs the admin role',
      'fastify: Cats on Fastify (e2e) POST /cats validates the body',
    ],
  },
];

/** The pending feature that explains a failing test, if one does. */
export function pendingFeatureOf(
  app: string,
  test: { name: string; messages: string[] },
): string | undefined {
  return PENDING_FEATURES.find(
    (p) =>
      p.tests?.includes(`${app}: ${test.name}`) === true ||
      (p.message !== undefined && test.messages.some((m) => p.message!.test(m))),
  )?.feature;
}

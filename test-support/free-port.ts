import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that is free now: the OS picks it (listen on port 0), then it is
 * released for a server the suite starts. Another process could take it in between: a suite
 * checks that its own server is up on it (still running once the port accepts), so such a clash
 * fails loudly instead of talking to someone else's server.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

import type { AddressInfo } from 'node:net';

/**
 * The URL of a listening address: `http://127.0.0.1:3000`, with a wildcard address given as the
 * loopback one (as NestJS does) and IPv6 addresses in brackets.
 */
export function urlOf(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0'
      ? '127.0.0.1'
      : address.address === '::'
        ? '[::1]'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
  return `http://${host}:${address.port}`;
}

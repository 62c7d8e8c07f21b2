import type { DestinationStream } from 'pino';
import { pinoPretty } from '../loading/lazy-modules';

/**
 * A destination that formats each JSON line with pino-pretty and writes it synchronously to
 * `destination`. pino-pretty's own stream is asynchronous (a transform pipeline), which would
 * reorder lines around a crash and make tests wait; its formatter alone is a plain function.
 */
export function createPrettyStream(destination?: DestinationStream): DestinationStream {
  const target: DestinationStream = destination ?? process.stdout;
  const format = pinoPretty().prettyFactory({
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    errorLikeObjectKeys: ['err', 'error'],
    messageFormat: (log, messageKey) => {
      const message = log[messageKey];
      const text = message === undefined ? '' : String(message);
      return typeof log['context'] === 'string' ? `[${log['context']}] ${text}` : text;
    },
  });
  return {
    write(line: string): void {
      target.write(format(line));
    },
  };
}

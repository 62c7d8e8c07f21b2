import { NoResponderError, RequestTimeoutError } from '../errors/runtime.errors';
import type {
  ConsumerSpec,
  DeadLetter,
  MessagingTransport,
  ResponderSpec,
  TransportMessage,
  TransportStatus,
} from '../transport/transport';
import { InMemoryBroker } from './in-memory-broker';

/** Options of `inMemory()`. */
export interface InMemoryTransportOptions {
  /** Share one broker between applications to test several instances (default: a new one). */
  readonly broker?: InMemoryBroker;
}

/** The in-process transport: unit tests and single-process apps (nothing survives a restart). */
export class InMemoryTransport implements MessagingTransport {
  readonly name = 'in-memory';
  readonly broker: InMemoryBroker;
  private connected = false;
  private readonly ownsBroker: boolean;

  constructor(options: InMemoryTransportOptions = {}) {
    this.broker = options.broker ?? new InMemoryBroker();
    this.ownsBroker = options.broker === undefined;
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  async publish(message: TransportMessage): Promise<void> {
    this.broker.publish(message);
  }

  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    const responder = this.broker.responder(message.subject);
    if (!responder) return Promise.reject(new NoResponderError(message.subject));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new RequestTimeoutError(message.subject, timeoutMs)), timeoutMs);
      void responder.handle(
        this.broker.requestDelivery(message, (reply) => {
          clearTimeout(timer);
          resolve(reply);
        }),
      );
    });
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    this.broker.consume(this, spec);
  }

  async respond(spec: ResponderSpec): Promise<void> {
    this.broker.respond(this, spec);
  }

  async stopConsuming(): Promise<void> {
    this.broker.detach(this);
  }

  /** Like a lost connection: deliveries not settled yet go back to their groups. */
  async close(): Promise<void> {
    this.broker.detach(this, true);
    if (this.ownsBroker) this.broker.clear();
    this.connected = false;
  }

  status(): TransportStatus {
    return { connected: this.connected, details: { transport: this.name } };
  }

  async deadLetters(subject: string, group: string, limit = 100): Promise<DeadLetter[]> {
    return this.broker.deadLetters(subject, group).slice(0, limit);
  }
}

/**
 * The in-memory transport, for unit tests (with `@tenon/testing`) and single-process apps.
 *
 * @example
 * MessagingModule.forRoot({ transport: inMemory() })
 */
export function inMemory(options: InMemoryTransportOptions = {}): InMemoryTransport {
  return new InMemoryTransport(options);
}

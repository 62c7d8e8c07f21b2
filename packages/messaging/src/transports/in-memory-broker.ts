import { randomUUID } from 'node:crypto';
import type {
  ConsumerSpec,
  DeadLetter,
  RequestDelivery,
  ResponderSpec,
  TransportMessage,
} from '../transport/transport';
import { HEADER } from '../transport/transport';

interface Pending {
  readonly message: TransportMessage;
  readonly id: string;
  readonly deliveryCount: number;
}

interface Member {
  readonly owner: object;
  readonly spec: ConsumerSpec;
  busy: number;
  /** Deliveries not settled yet, each with what gives it back to the group (a lost connection). */
  readonly unsettled: Map<Pending, () => void>;
}

interface Group {
  readonly queue: Pending[];
  readonly members: Member[];
  next: number;
  readonly deadLetters: DeadLetter[];
}

interface Responder {
  readonly owner: object;
  readonly spec: ResponderSpec;
}

/**
 * The broker of `inMemory()` transports. Transports built on the same broker behave like
 * instances connected to one server: consumers of one group share its messages, each group gets
 * every message. One broker per transport by default; share one to test several instances.
 *
 * @example
 * const broker = new InMemoryBroker();
 * const a = await Test.createTestingModule({ imports: [MessagingModule.forRoot({ transport: inMemory({ broker }) }), Worker] }).compile();
 */
export class InMemoryBroker {
  private readonly groups = new Map<string, Group>();
  private readonly responders = new Map<string, Responder[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private roundRobin = 0;

  /** Stores `message` for every group consuming its subject. */
  publish(message: TransportMessage): void {
    const id = message.headers[HEADER.MESSAGE_ID] ?? randomUUID();
    for (const [key, group] of this.groups) {
      if (key.slice(key.indexOf('\u0000') + 1) !== message.subject) continue;
      group.queue.push({ message, id, deliveryCount: 1 });
      this.drain(group);
    }
  }

  consume(owner: object, spec: ConsumerSpec): void {
    const group = this.group(spec.group, spec.subject);
    group.members.push({ owner, spec, busy: 0, unsettled: new Map() });
    this.drain(group);
  }

  respond(owner: object, spec: ResponderSpec): void {
    const list = this.responders.get(spec.subject) ?? [];
    list.push({ owner, spec });
    this.responders.set(spec.subject, list);
  }

  /**
   * Removes the consumers and responders of `owner` (a transport that stops). With `requeue`
   * (a closed connection), its unsettled deliveries go back to their groups, as a broker does.
   */
  detach(owner: object, requeue = false): void {
    for (const group of this.groups.values()) {
      for (let i = group.members.length - 1; i >= 0; i--) {
        const member = group.members[i]!;
        if (member.owner !== owner) continue;
        group.members.splice(i, 1);
        if (requeue) for (const giveBack of [...member.unsettled.values()]) giveBack();
      }
    }
    for (const [subject, list] of this.responders) {
      this.responders.set(
        subject,
        list.filter((r) => r.owner !== owner),
      );
    }
  }

  /** The responder that gets the next request on `subject` (round robin), if any. */
  responder(subject: string): ResponderSpec | undefined {
    const list = this.responders.get(subject);
    if (!list?.length) return undefined;
    return list[this.roundRobin++ % list.length]!.spec;
  }

  deadLetters(subject: string, group: string): DeadLetter[] {
    return [...(this.groups.get(`${group}\u0000${subject}`)?.deadLetters ?? [])];
  }

  /** Pending (not yet delivered) messages of a group, for tests. */
  pending(subject: string, group: string): number {
    return this.groups.get(`${group}\u0000${subject}`)?.queue.length ?? 0;
  }

  /** Cancels scheduled redeliveries. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Builds a request delivery whose reply settles `resolve`. */
  requestDelivery(message: TransportMessage, resolve: (reply: TransportMessage) => void): RequestDelivery {
    return {
      ...message,
      id: message.headers[HEADER.MESSAGE_ID] ?? randomUUID(),
      respond: async (reply) => resolve({ subject: message.subject, ...reply }),
    };
  }

  private group(name: string, subject: string): Group {
    const key = `${name}\u0000${subject}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { queue: [], members: [], next: 0, deadLetters: [] };
      this.groups.set(key, group);
    }
    return group;
  }

  private drain(group: Group): void {
    while (group.queue.length) {
      const member = this.pick(group);
      if (!member) return;
      const pending = group.queue.shift()!;
      member.busy++;
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        member.busy--;
        member.unsettled.delete(pending);
        queueMicrotask(() => this.drain(group));
        return true;
      };
      const { message, id, deliveryCount } = pending;
      member.unsettled.set(pending, () => {
        if (settle()) group.queue.push({ message, id, deliveryCount: deliveryCount + 1 });
      });
      void member.spec
        .handle({
          ...message,
          id,
          deliveryCount,
          ack: async () => {
            settle();
          },
          retry: async (delayMs) => {
            if (!settle()) return;
            const timer = setTimeout(() => {
              this.timers.delete(timer);
              group.queue.push({ message, id, deliveryCount: deliveryCount + 1 });
              this.drain(group);
            }, delayMs);
            this.timers.add(timer);
          },
          deadLetter: async (reason) => {
            if (!settle()) return;
            group.deadLetters.push({ ...message, reason });
          },
        })
        .catch(() => {
          // The runtime settles every delivery; a handler that escaped it is delivered again.
          if (settle()) group.queue.push({ message, id, deliveryCount: deliveryCount + 1 });
        });
    }
  }

  private pick(group: Group): Member | undefined {
    const n = group.members.length;
    for (let i = 0; i < n; i++) {
      const member = group.members[(group.next + i) % n]!;
      if (member.busy < member.spec.concurrency) {
        group.next = (group.next + i + 1) % n;
        return member;
      }
    }
    return undefined;
  }
}

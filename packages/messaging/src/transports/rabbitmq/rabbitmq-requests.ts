import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { NoResponderError, RequestTimeoutError } from '../../errors/runtime.errors';
import type { TransportMessage } from '../../transport/transport';
import { stringHeaders } from './rabbitmq-consumers';

interface PendingRequest {
  resolve(message: TransportMessage): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
  subject: string;
}

/**
 * Requests over direct reply-to (`amq.rabbitmq.reply-to`): each waits for the reply with its
 * correlation id on the reply channel of the connection it was sent on; `mandatory` makes a
 * request no queue takes come back at once ("return"), which is NO_RESPONDER.
 */
export class RabbitMqRequests {
  private readonly pending = new Map<string, PendingRequest>();

  /** Opens a connection's reply channel: replies to its requests arrive there. */
  async replyChannel(connection: ChannelModel): Promise<Channel> {
    const replies = await connection.createChannel();
    replies.on('return', (message: ConsumeMessage) => {
      const request = this.take(message);
      request?.reject(new NoResponderError(request.subject));
    });
    await replies.consume(
      'amq.rabbitmq.reply-to',
      (message) => {
        const request = message && this.take(message);
        request?.resolve({
          subject: request.subject,
          body: message!.content,
          headers: stringHeaders(message!.properties.headers),
        });
      },
      { noAck: true },
    );
    return replies;
  }

  /** Sends a request to `queue` on `replies` and resolves with its reply. */
  send(
    replies: Channel,
    queue: string,
    message: TransportMessage,
    timeoutMs: number,
  ): Promise<TransportMessage> {
    const correlationId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new RequestTimeoutError(message.subject, timeoutMs));
      }, timeoutMs);
      this.pending.set(correlationId, { resolve, reject, timer, subject: message.subject });
      try {
        replies.publish('', queue, Buffer.from(message.body), {
          replyTo: 'amq.rabbitmq.reply-to',
          correlationId,
          mandatory: true,
          expiration: String(timeoutMs),
          headers: { ...message.headers },
        });
      } catch (error) {
        // The reply channel closed under us (it is being re-created): not sent.
        clearTimeout(timer);
        this.pending.delete(correlationId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** The connection is gone, and with it the reply-to of every request in flight. */
  failAll(): void {
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(new RequestTimeoutError(request.subject, 0));
      this.pending.delete(id);
    }
  }

  private take(message: ConsumeMessage): PendingRequest | undefined {
    const id = String(message.properties.correlationId);
    const request = this.pending.get(id);
    if (!request) return undefined;
    clearTimeout(request.timer);
    this.pending.delete(id);
    return request;
  }
}

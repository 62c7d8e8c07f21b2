import type Redis from 'ioredis';

/** How long a responder counts as present after its last heartbeat. */
const TTL_MS = 5000;
const HEARTBEAT_MS = 1000;

/**
 * Which responders listen on a request subject, so that a request nobody can answer fails at
 * once with NO_RESPONDER (as on NATS and RabbitMQ) instead of waiting for its timeout. A stream
 * group outlives its consumers, so presence is a sorted set of consumers scored by when their
 * heartbeat expires: a responder that died drops out after `TTL_MS`.
 */
export class ResponderPresence {
  private readonly beats = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly consumer: string,
  ) {}

  key(subject: string): string {
    return `${this.prefix}:responders:${subject}`;
  }

  /** Announces this consumer on `subject` now and every second until `leave()`. */
  async join(subject: string): Promise<void> {
    const beat = () => this.redis.zadd(this.key(subject), Date.now() + TTL_MS, this.consumer);
    await beat();
    const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
    timer.unref();
    this.beats.set(subject, timer);
  }

  /** Stops the heartbeats and withdraws this consumer (best effort: the TTL covers a failure). */
  async leave(): Promise<void> {
    const subjects = [...this.beats.keys()];
    for (const timer of this.beats.values()) clearInterval(timer);
    this.beats.clear();
    if (subjects.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const subject of subjects) pipeline.zrem(this.key(subject), this.consumer);
    await pipeline.exec().catch(() => undefined);
  }
}

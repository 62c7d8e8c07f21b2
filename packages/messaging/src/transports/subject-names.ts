/**
 * Broker names built from subjects and groups. Consumer, queue and stream names may not contain
 * dots or wildcards on every broker, so they use `_`; subjects keep their dots (they are routing
 * keys and NATS subjects).
 */
export function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

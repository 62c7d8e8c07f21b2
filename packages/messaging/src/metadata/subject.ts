import { InvalidSubjectError } from '../errors/boot.errors';

const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Throws `TENON_MESSAGING_INVALID_SUBJECT` unless `subject` is portable across the brokers. */
export function assertSubject(subject: unknown, where: string): asserts subject is string {
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) throw new InvalidSubjectError(subject, where);
}

import { Injectable } from '@tenon/core';

/** Tells the time; a separate provider so tests can replace it. */
@Injectable()
export class ClockService {
  now(): Date {
    return new Date();
  }
}

import 'reflect-metadata';
import { InjectionToken } from '@tenon/core';
import { IsInt, IsString, Length } from 'class-validator';

export class CreatedDto {
  @IsInt() id!: number;
  @IsString() @Length(1, 20) name!: string;
}

export class SumDto {
  @IsInt() a!: number;
  @IsInt() b!: number;
}

/** What the handlers of one application saw; tests steer them through it. */
export class Recorder {
  readonly calls: Array<{
    handler: string;
    payload: unknown;
    deliveryCount: number;
    messageId: string;
    instance: string;
  }> = [];
  flakyFailures = 1;
  private releaseSlow: (() => void) | undefined;
  slowGate: Promise<void> = new Promise((resolve) => (this.releaseSlow = resolve));
  slowStarted = 0;
  slowFinished = 0;
  handlerDelayMs = 0;
  /** `getType()` of each context a guard saw. */
  readonly guardTypes: string[] = [];

  constructor(readonly instance: string) {}

  release(): void {
    this.releaseSlow?.();
  }

  of(handler: string) {
    return this.calls.filter((c) => c.handler === handler);
  }
}

export const RECORDER = new InjectionToken<Recorder>('RECORDER');

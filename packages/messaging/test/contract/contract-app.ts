import 'reflect-metadata';
import { ApplicationContext, Inject, Injectable, Module, TenonError } from '@tenon/core';
import { CreatedDto, Recorder, RECORDER, SumDto } from './contract-fixtures';
import {
  Ctx,
  EventPattern,
  MessageContext,
  MessageObserver,
  MessagePattern,
  MessagingClient,
  MessagingModule,
  Payload,
  type MessageOutcome,
  type MessagingTransport,
} from '@tenon/messaging';
import { EnhancedHandlers, GuardedHandlers, TenantGuard } from './enhanced-handlers';

export { CreatedDto, SumDto, Recorder, RECORDER } from './contract-fixtures';

@Injectable()
export class ContractHandlers {
  constructor(@Inject(RECORDER) private readonly recorder: Recorder) {}

  private record(handler: string, payload: unknown, ctx: MessageContext): void {
    this.recorder.calls.push({
      handler,
      payload,
      deliveryCount: ctx.deliveryCount,
      messageId: ctx.messageId,
      instance: this.recorder.instance,
    });
  }

  @EventPattern('contract.created', { group: 'g1' })
  async created(@Payload() dto: CreatedDto, @Ctx() ctx: MessageContext): Promise<void> {
    this.record('created', dto, ctx);
    if (this.recorder.handlerDelayMs) await new Promise((r) => setTimeout(r, this.recorder.handlerDelayMs));
  }

  @EventPattern('contract.created', { group: 'g2' })
  createdOther(@Payload() dto: CreatedDto, @Ctx() ctx: MessageContext): void {
    this.record('createdOther', dto, ctx);
  }

  @EventPattern('contract.flaky', { group: 'g1' })
  flaky(@Payload() payload: unknown, @Ctx() ctx: MessageContext): void {
    this.record('flaky', payload, ctx);
    if (this.recorder.flakyFailures-- > 0) throw new Error('flaky handler failed');
  }

  @EventPattern('contract.broken', { group: 'g1' })
  broken(@Payload() payload: unknown, @Ctx() ctx: MessageContext): void {
    this.record('broken', payload, ctx);
    throw new Error('broken handler always fails');
  }

  @EventPattern('contract.slow', { group: 'g1', concurrency: 1 })
  async slow(@Payload() payload: unknown, @Ctx() ctx: MessageContext): Promise<void> {
    this.record('slow', payload, ctx);
    this.recorder.slowStarted++;
    await this.recorder.slowGate;
    this.recorder.slowFinished++;
  }

  @MessagePattern('contract.sum')
  sum(@Payload() dto: SumDto, @Ctx() ctx: MessageContext): { sum: number; instance: string } {
    this.record('sum', dto, ctx);
    return { sum: dto.a + dto.b, instance: this.recorder.instance };
  }

  @MessagePattern('contract.fail')
  fail(): never {
    throw new TenonError('TENON_TEST_BOOM', 'the responder refused');
  }
}

/** One application instance of the contract: its context, client, observer and recorder. */
export interface ContractApp {
  readonly context: ApplicationContext;
  readonly client: MessagingClient;
  readonly observer: MessageObserver;
  readonly recorder: Recorder;
  readonly transport: MessagingTransport;
  /** Waits for `count` outcomes on `subject` (any of `outcomes`), in arrival order. */
  collect(
    subject: string,
    count: number,
    outcomes?: MessageOutcome['outcome'][],
    timeout?: number,
  ): Promise<MessageOutcome[]>;
}

export async function startContractApp(
  transport: MessagingTransport,
  instance: string,
): Promise<ContractApp> {
  const recorder = new Recorder(instance);
  @Module({
    imports: [
      MessagingModule.forRoot({
        transport,
        retry: { maxDeliveries: 3, initialDelayMs: 100, maxDelayMs: 200 },
        requestTimeout: 3000,
        drainTimeout: 5000,
      }),
    ],
    providers: [
      ContractHandlers,
      GuardedHandlers,
      EnhancedHandlers,
      TenantGuard,
      { provide: RECORDER, useValue: recorder },
    ],
  })
  class ContractModule {}
  const context = await ApplicationContext.create(ContractModule, { logger: false });
  const observer = context.get(MessageObserver);
  const seen: MessageOutcome[] = [];
  observer.subscribe((o) => seen.push(o));
  return {
    context,
    client: context.get(MessagingClient),
    observer,
    recorder,
    transport,
    collect: async (subject, count, outcomes = ['handled'], timeout = 10_000) => {
      const deadline = Date.now() + timeout;
      for (;;) {
        const matching = seen.filter((o) => o.subject === subject && outcomes.includes(o.outcome));
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(
            `${instance}: ${matching.length} of ${count} outcomes ${outcomes.join('/')} on ${subject} within ${timeout} ms (seen: ${seen.map((o) => `${o.subject}:${o.outcome}`).join(', ')})`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

import 'reflect-metadata';
import { Inject, Injectable } from '@tenon/core';
import {
  Catch,
  ParseIntPipe,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type TenonInterceptor,
} from '@tenon/http';
import {
  Ctx,
  EventPattern,
  MessageContext,
  MessagePattern,
  Payload,
  type MessageExecutionContext,
} from '@tenon/messaging';
import { RECORDER, Recorder, SumDto } from './contract-fixtures';

/** A guard with injection: lets a message through when its `x-tenant` header is `acme`. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(@Inject(RECORDER) private readonly recorder: Recorder) {}

  canActivate(context: ExecutionContext): boolean {
    this.recorder.guardTypes.push(context.getType());
    return context.getRequest<MessageContext>().headers['x-tenant'] === 'acme';
  }
}

/** Wraps a reply, and shows which kind of context it ran in. */
export class EnvelopeInterceptor implements TenonInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const data = await next();
    const rpc = (context as unknown as MessageExecutionContext).switchToRpc();
    return { type: context.getType(), subject: rpc.getContext<MessageContext>().subject, data };
  }
}

export class OutOfStockError extends Error {}

/** Turns a domain error into an answer: the reply of a request, "handled" for an event. */
@Catch(OutOfStockError)
export class OutOfStockFilter implements ExceptionFilter<OutOfStockError> {
  catch(error: OutOfStockError): unknown {
    return { refused: error.message };
  }
}

@Injectable()
@UseGuards(TenantGuard)
export class GuardedHandlers {
  constructor(@Inject(RECORDER) private readonly recorder: Recorder) {}

  @EventPattern('contract.guarded', { group: 'g1' })
  guarded(@Payload() payload: unknown, @Ctx() ctx: MessageContext): void {
    this.recorder.calls.push({
      handler: 'guarded',
      payload,
      deliveryCount: ctx.deliveryCount,
      messageId: ctx.messageId,
      instance: this.recorder.instance,
    });
  }

  @MessagePattern('contract.guarded-sum')
  guardedSum(@Payload() dto: SumDto): number {
    return dto.a + dto.b;
  }
}

@Injectable()
export class EnhancedHandlers {
  constructor(@Inject(RECORDER) private readonly recorder: Recorder) {}

  @UseInterceptors(EnvelopeInterceptor)
  @MessagePattern('contract.wrapped')
  wrapped(@Payload() dto: SumDto): number {
    return dto.a + dto.b;
  }

  @UsePipes(ParseIntPipe)
  @MessagePattern('contract.double')
  double(@Payload('n') n: number): number {
    return n * 2;
  }

  @UsePipes(new ParseIntPipe())
  @EventPattern('contract.count', { group: 'g1' })
  count(@Payload('n') n: number, @Ctx() ctx: MessageContext): void {
    this.recorder.calls.push({
      handler: 'count',
      payload: n,
      deliveryCount: ctx.deliveryCount,
      messageId: ctx.messageId,
      instance: this.recorder.instance,
    });
  }

  @UseFilters(OutOfStockFilter)
  @MessagePattern('contract.reserve')
  reserve(@Payload('sku') sku: string): never {
    throw new OutOfStockError(`${sku} is out of stock`);
  }

  @UseFilters(OutOfStockFilter)
  @EventPattern('contract.restock', { group: 'g1' })
  restock(@Payload('sku') sku: string, @Ctx() ctx: MessageContext): never {
    this.recorder.calls.push({
      handler: 'restock',
      payload: sku,
      deliveryCount: ctx.deliveryCount,
      messageId: ctx.messageId,
      instance: this.recorder.instance,
    });
    throw new OutOfStockError(`${sku} is out of stock`);
  }
}

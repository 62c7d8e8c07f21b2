import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** The application context was used after `close()`. */
export class ContextClosedError extends TenonError {
  constructor(operation: string) {
    super(
      CoreErrorCode.CONTEXT_CLOSED,
      `Cannot ${operation}: the application context is closed.\n  Fix: create a new context; instances of a closed context have released their resources.`,
    );
  }
}

import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** `context.get(token)` found nothing. */
export class ProviderNotFoundError extends TenonError {
  constructor(token: string, where: string, strict: boolean) {
    super(
      CoreErrorCode.PROVIDER_NOT_FOUND,
      [
        `No provider for ${token} ${strict ? `is visible from ${where}` : 'exists in any module of the application'}.`,
        `  Fix: add ${token} to a module's providers${strict ? ` and export it to ${where}, or call get() without { strict: true }` : ''}.`,
      ].join('\n'),
    );
  }
}

/**
 * Marks a provider as a readiness check that joins `HealthModule` by itself: an instance whose
 * `[AUTO_HEALTH_INDICATOR]` is `true` (and that has `check()`) is added to `/health/ready` when
 * the application imports `HealthModule`, without being listed in `indicators`. A registered
 * symbol (`Symbol.for`), so a package can mark its indicator without importing @tenon/http:
 * `@tenon/messaging`'s `MessagingHealthIndicator` is one.
 *
 * @example
 * @Injectable()
 * export class QueueHealthIndicator implements HealthIndicator {
 *   readonly [AUTO_HEALTH_INDICATOR] = true;
 *   async check() { return { status: 'up' as const }; }
 * }
 */
export const AUTO_HEALTH_INDICATOR: unique symbol = Symbol.for('tenon.autoHealthIndicator') as never;

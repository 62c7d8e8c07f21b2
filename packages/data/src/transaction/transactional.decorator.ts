import { noTransactionManager } from '../errors/transaction.errors';
import type { TransactionOptions } from './propagation';
import { TransactionManager, validateTransactionOptions } from './transaction-manager';

/**
 * Runs the method in a transaction (see {@link TransactionOptions}); any error it throws rolls
 * the transaction back and is rethrown.
 *
 * The decorator wraps methods of any class, including classes that are not providers, so it
 * cannot receive the TransactionManager by injection: a provider or controller uses the manager
 * of the application that built it (DataModule binds them at boot), anything else the default
 * manager, which `DataModule` registers at boot (or `TransactionManager.setDefault(...)`).
 *
 * @example
 * @Injectable()
 * export class TransferService {
 *   constructor(private readonly accounts: AccountRepository) {}
 *
 *   @Transactional({ isolation: 'serializable', timeout: 5000 })
 *   async transfer(from: number, to: number, amount: number) { ... }
 * }
 */
export function Transactional(options: TransactionOptions = {}): MethodDecorator {
  validateTransactionOptions(options);
  return (target, key, descriptor) => {
    const original = descriptor.value as unknown;
    if (typeof original !== 'function') return descriptor;
    const label = `${(target as { constructor: Function }).constructor.name}.${String(key)}()`;
    const wrapped = function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const manager = TransactionManager.of(this);
      if (manager === undefined) return Promise.reject(noTransactionManager(label));
      return manager.run(() => (original as (...a: unknown[]) => unknown).apply(this, args), options);
    };
    Object.defineProperty(wrapped, 'name', { value: (original as Function).name });
    // Decorators applied before this one may have stored metadata on the function itself.
    for (const metaKey of Reflect.getOwnMetadataKeys(original)) {
      Reflect.defineMetadata(metaKey, Reflect.getOwnMetadata(metaKey, original), wrapped);
    }
    return { ...descriptor, value: wrapped as typeof descriptor.value };
  };
}

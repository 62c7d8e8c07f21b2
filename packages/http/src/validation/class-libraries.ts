import type * as ClassTransformer from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import type * as ClassValidator from 'class-validator';
import type { MetadataStorage as ValidatorStorage } from 'class-validator/types/metadata/MetadataStorage';
import { lazyModule } from '../application/lazy-module';

/** class-validator, loaded when a DTO is first validated or described. */
export const classValidator = lazyModule<typeof ClassValidator>('class-validator');

/** class-transformer, loaded when a DTO is first turned into an instance or back. */
export const classTransformer = lazyModule<typeof ClassTransformer>('class-transformer');

// class-transformer keeps its metadata in an unexported module; its published types sit in
// another folder than its code, so the two halves are joined here.
const transformerModule = lazyModule<{ defaultMetadataStorage: TransformerStorage }>(
  'class-transformer/cjs/storage',
);

/** class-transformer's metadata (`@Type`, `@Expose`, `@Exclude`, `@Transform`). */
export function transformerMetadata(): TransformerStorage {
  return transformerModule().defaultMetadataStorage;
}

/**
 * class-validator's metadata, or undefined while no class has any. class-validator keeps it on
 * the global object and creates it on the first decorator; reading it there answers "no DTO
 * here" without loading class-validator (tens of milliseconds) in an application that has none.
 */
export function existingValidatorMetadata(): ValidatorStorage | undefined {
  return (globalThis as { classValidatorMetadataStorage?: ValidatorStorage }).classValidatorMetadataStorage;
}

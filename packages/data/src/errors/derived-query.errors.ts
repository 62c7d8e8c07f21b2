import { nearestNames } from '../metadata/nearest-names';
import { DataError } from './data.error';
import { DataErrorCode } from './errors';

export function invalidDerivedQuery(repository: string, method: string, problem: string): DataError {
  return new DataError(
    DataErrorCode.INVALID_DERIVED_QUERY,
    `${repository}.${method} is not a valid derived query: ${problem}. Names look like ` +
      `findByTitleAndDone, findFirst10ByDoneOrderByCreatedAtDesc, countByStatusIn, existsByEmailIgnoreCase, deleteByDone.`,
  );
}

export function derivedQueryUnknownProperty(
  repository: string,
  method: string,
  entity: string,
  property: string,
  known: readonly string[],
): DataError {
  const near = nearestNames(property, known);
  return new DataError(
    DataErrorCode.DERIVED_QUERY_UNKNOWN_PROPERTY,
    `${repository}.${method} refers to "${property}", which is not a property of ${entity}. ` +
      (near.length > 0 ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '') +
      `${entity} has: ${known.join(', ')}.`,
  );
}

export function derivedQueryArguments(
  repository: string,
  method: string,
  expected: number,
  actual: number,
): DataError {
  return new DataError(
    DataErrorCode.DERIVED_QUERY_ARGUMENTS,
    `${repository}.${method} takes ${expected} argument${expected === 1 ? '' : 's'} (one per condition value in its name), ` +
      `but was called with ${actual}.`,
  );
}

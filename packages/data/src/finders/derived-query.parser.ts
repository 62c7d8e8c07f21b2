import { derivedQueryUnknownProperty, invalidDerivedQuery } from '../errors/derived-query.errors';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';
import type { OrderTerm } from '../repository/criteria-statements';
import {
  DERIVED_OPERATORS,
  KEYWORDS_LONGEST_FIRST,
  OPERATOR_ARITY,
  type DerivedOperatorKind,
} from './derived-operators';

/** What a derived finder returns. */
export type DerivedSubject = 'find' | 'one' | 'first' | 'firstN' | 'count' | 'exists' | 'delete';

/** One condition of a derived finder name. */
export interface DerivedPart {
  column: ColumnMetadata;
  operator: DerivedOperatorKind;
  ignoreCase: boolean;
  arity: number;
}

/** A parsed derived finder name. */
export interface DerivedQueryPlan {
  method: string;
  subject: DerivedSubject;
  limit: number | undefined;
  /** OR-groups of ANDed parts, in name order. */
  groups: DerivedPart[][];
  order: OrderTerm[];
  arity: number;
}

const SUBJECTS: ReadonlyArray<[RegExp, DerivedSubject | 'top']> = [
  [/^findOneBy(.*)$/, 'one'],
  [/^find(?:First|Top)(\d*)By(.*)$/, 'top'],
  [/^find(?:All)?By(.*)$/, 'find'],
  [/^countBy(.*)$/, 'count'],
  [/^existsBy(.*)$/, 'exists'],
  [/^(?:delete|remove)By(.*)$/, 'delete'],
];

/** Splits where `word` is followed by an uppercase letter (`OrderId` is not split at `Or`). */
function splitWord(text: string, word: string): string[] {
  return text.split(new RegExp(`${word}(?=[A-Z])`));
}

function uncapitalize(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Parses a Spring Data-style method name against an entity, at repository construction (boot):
 * a misspelt property fails then, naming the repository, the method and the nearest properties.
 *
 * @example
 * parseDerivedQuery('TodoRepository', 'findFirst5ByDoneOrderByCreatedAtDesc', todoMetadata)
 */
export function parseDerivedQuery(
  repository: string,
  method: string,
  entity: EntityMetadata,
): DerivedQueryPlan {
  const fail = (problem: string) => invalidDerivedQuery(repository, method, problem);
  let subject: DerivedSubject | undefined;
  let limit: number | undefined;
  let rest = '';
  for (const [pattern, kind] of SUBJECTS) {
    const match = pattern.exec(method);
    if (!match) continue;
    if (kind === 'top') {
      const n = match[1] === '' ? 1 : Number(match[1]);
      if (!Number.isSafeInteger(n) || n < 1)
        throw fail(`the limit in "${method}" must be a positive integer`);
      subject = n === 1 ? 'first' : 'firstN';
      limit = n;
      rest = match[2]!;
    } else {
      subject = kind;
      rest = match[1]!;
      if (kind === 'one') limit = 1;
    }
    break;
  }
  if (subject === undefined) {
    throw fail(
      'it does not start with findBy, findOneBy, findFirstBy, findTop<n>By, countBy, existsBy or deleteBy',
    );
  }

  const orderAt = rest.search(/OrderBy(?=[A-Z])/);
  const predicate = orderAt === -1 ? rest : rest.slice(0, orderAt);
  const orderText = orderAt === -1 ? '' : rest.slice(orderAt + 'OrderBy'.length);
  if (predicate === '' && orderText === '') throw fail('it has no condition after "By"');

  const known = entity.columns.map((c) => c.property);
  const unknown = (property: string) =>
    derivedQueryUnknownProperty(repository, method, entity.name, property, known);

  const groups =
    predicate === ''
      ? []
      : splitWord(predicate, 'Or').map((group) => splitWord(group, 'And').map((part) => parsePart(part)));

  function parsePart(text: string): DerivedPart {
    if (text === '') throw fail('it has an empty condition (a doubled And/Or)');
    const ignoreCaseMatch = /(IgnoreCase|IgnoringCase)$/.exec(text);
    const body = ignoreCaseMatch ? text.slice(0, ignoreCaseMatch.index) : text;
    let bestGuess: string | undefined;
    for (const keyword of KEYWORDS_LONGEST_FIRST) {
      if (!body.endsWith(keyword)) continue;
      const propertyText = body.slice(0, body.length - keyword.length);
      if (propertyText === '') continue;
      const column = entity.byProperty.get(uncapitalize(propertyText));
      if (column !== undefined) {
        const operator = DERIVED_OPERATORS[keyword];
        return { column, operator, ignoreCase: ignoreCaseMatch !== null, arity: OPERATOR_ARITY[operator] };
      }
      bestGuess ??= keyword === '' ? undefined : uncapitalize(propertyText);
    }
    throw unknown(bestGuess ?? uncapitalize(body));
  }

  const order: OrderTerm[] = [];
  let remaining = orderText;
  while (remaining !== '') {
    const match = /^(.+?)(Asc|Desc)?(?=[A-Z]|$)/.exec(remaining);
    // Longest property name that prefixes the remaining text.
    const column = [...entity.columns]
      .sort((a, b) => b.property.length - a.property.length)
      .find((c) => remaining.startsWith(c.property.charAt(0).toUpperCase() + c.property.slice(1)));
    if (column === undefined) throw unknown(uncapitalize(match?.[1] ?? remaining));
    remaining = remaining.slice(column.property.length);
    let direction: 'asc' | 'desc' = 'asc';
    if (remaining.startsWith('Desc')) {
      direction = 'desc';
      remaining = remaining.slice(4);
    } else if (remaining.startsWith('Asc')) {
      remaining = remaining.slice(3);
    }
    order.push({ column, direction });
  }

  const arity = groups.flat().reduce((sum, part) => sum + part.arity, 0);
  return { method, subject, limit, groups, order, arity };
}

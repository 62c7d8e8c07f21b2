import 'reflect-metadata';
import { Secret } from '@tenon/core';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotEmpty,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsEmail,
  IsEmpty,
  IsEnum,
  IsHexColor,
  IsIn,
  IsInt,
  IsIP,
  IsNegative,
  IsNotEmpty,
  IsNotIn,
  IsNumber,
  IsNumberString,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
  ValidateNested,
  getMetadataStorage,
  type ValidationArguments,
} from 'class-validator';
import fc from 'fast-check';
import { ValidationPipe, type ValidationPipeOptions } from '../../src';
import { compileDtoSchema } from '../../src/validation/dto-schema-compiler';
import { compileFailureReplica } from '../../src/validation/failure-replica';
import { mapErrorToProblem } from '../../src/problem/problem-mapper';

// The proof that a refused body costs less and answers the same: every generated body goes
// through ValidationPipe.transform (class-transformer + class-validator) and through the
// compiled replica the route uses, and the two problem documents must be the same bytes.

enum Color {
  Red = 'red',
  Blue = 'blue',
}

class Exact {
  @IsString() s!: string;
  @IsInt() i!: number;
  @IsBoolean() b!: boolean;
  @IsArray() a!: unknown[];
  @IsObject() o!: object;
  @IsNumber() n!: number;
  @IsDefined() d!: unknown;
  @IsNotEmpty() ne!: unknown;
  @IsEmpty() em?: unknown;
  @Min(-2) @Max(7.5) range!: number;
  @IsPositive() pos!: number;
  @IsNegative() neg!: number;
  @MinLength(2) @MaxLength(5) len!: string;
  @Length(1, 3) len2!: string;
  @Matches(/^[a-c]+\d?$/) re!: string;
  @Matches('^x-[0-9]+$') re2!: string;
  @IsIn(['a', 1, null, true]) isIn!: unknown;
  @IsNotIn(['no', 0]) notIn!: unknown;
  @Equals('yes') eq!: string;
  @NotEquals(3) neq!: number;
  @IsEnum(Color) color!: Color;
  @ArrayMinSize(1) @ArrayMaxSize(3) @ArrayUnique() list!: unknown[];
  @ArrayNotEmpty() full!: unknown[];
}

class BuiltIns {
  @IsEmail() email!: string;
  @IsUUID('4') uuid!: string;
  @IsUrl() url!: string;
  @IsDateString() date!: string;
  @IsIP() ip!: string;
  @IsNumberString() digits!: string;
  @IsHexColor() hex!: string;
  @IsOptional() @IsEmail({}, { each: true }) emails?: string[];
}

class Messages {
  @IsString({ message: 'give $property a string, not $value ($target)' }) a!: string;
  @Length(2, 4, { message: '$property needs $constraint1..$constraint2 characters, got "$value"' })
  b!: string;
  @IsInt({
    message: (args: ValidationArguments) => `${args.property}=${String(args.value)} in ${args.targetName}`,
  })
  c!: number;
  @Min(5, { message: '' }) d!: number;
  @Max(5, { message: 'no $ here' }) e!: number;
  @MaxLength(3, { each: true }) @IsString({ each: true }) tags!: string[];
  @IsInt({ each: true, message: 'each value in $property must be whole: $value' }) nums!: number[];
  // The constraint's text completes a `$value` token, which class-validator then replaces.
  @Equals('value', { message: 'not $$constraint1: $property' }) tricky!: string;
  @Min(1, { message: '$property below $constraint1' }) low!: number;
}

class Line {
  @IsString() @MaxLength(4) sku!: string;
  @IsInt() @Min(1) qty!: number;
}

class Address {
  @IsString() street!: string;
  @IsOptional() @Matches(/^\d{3}$/) zip?: string;
}

class Nested {
  @ValidateNested() @Type(() => Address) address!: Address;
  @IsOptional() @ValidateNested() @Type(() => Address) other?: Address;
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  @IsString() name!: string;
}

class Optional {
  @IsOptional() @IsString() @MinLength(3) nick?: string;
  @IsOptional() @IsInt() count?: number;
  @IsString() role = 'user';
  @Allow() free?: unknown;
  @IsString() password!: string;
  @Secret() @IsString() pin!: string;
  @IsString() apiToken!: string;
}

class Grouped {
  @IsString({ groups: ['create'] }) @IsInt({ groups: ['update'] }) id!: unknown;
  @IsString({ always: true }) name!: string;
  @IsInt() plain!: number;
  @MinLength(3, { groups: ['create', 'update'] }) title!: string;
}

interface Case {
  dto: Function;
  options: ValidationPipeOptions;
}

const CASES: Case[] = [
  { dto: Exact, options: {} },
  { dto: Exact, options: { forbidNonWhitelisted: true } },
  { dto: BuiltIns, options: {} },
  { dto: Messages, options: {} },
  { dto: Nested, options: {} },
  { dto: Nested, options: { forbidNonWhitelisted: true } },
  { dto: Optional, options: { secretProperties: ['nick'] } },
  { dto: Optional, options: { whitelist: false } },
  { dto: Optional, options: { skipMissingProperties: true } },
  { dto: Grouped, options: { groups: ['create'] } },
  { dto: Grouped, options: { groups: ['update'], forbidNonWhitelisted: true } },
  { dto: Grouped, options: {} },
];

// JSON text, so bodies are what a request's parser gives (own `__proto__` keys included).
const scalar = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-0',
    '1',
    '-3',
    '7.5',
    '2.5',
    '1e3',
    '1e400',
    '-1e400',
    '1.0',
    '9007199254740993',
    '""',
    '" "',
    '"a"',
    '"abc"',
    '"NaN"',
    '"Infinity"',
    '"12"',
    '"yes"',
    '"red"',
    '"x-12"',
    '"ada@example.com"',
    '"not-an-email"',
    '"😀😀"',
    '"a\\uFE0Fb"',
    '"\\ud800"',
    '"$&$property$value"',
    '"https://example.com/x"',
    '"2024-01-02T03:04:05Z"',
    '"10.0.0.1"',
    '"#fff"',
    '"123e4567-e89b-42d3-a456-426614174000"',
    `"${'x'.repeat(300)}"`,
  ),
  fc.integer({ min: -10, max: 10 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.string({ unit: 'binary', maxLength: 8 }).map((s) => JSON.stringify(s)),
);

const KEYS = ['extra', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '10', 'valueOf'];

// The DTO's own property names (and its nested DTOs'), where generated keys mostly land.
function propertiesOf(dto: Function): string[] {
  const storage = getMetadataStorage();
  const names = new Set<string>();
  for (const c of dto === Nested ? [Nested, Address, Line] : [dto])
    for (const m of storage.getTargetValidationMetadatas(c, '', true, false)) names.add(m.propertyName);
  return [...names];
}

function jsonValue(depth: number, keys: string[]): fc.Arbitrary<string> {
  if (depth === 0) return scalar;
  const inner = jsonValue(depth - 1, keys);
  return fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`) },
    { weight: 1, arbitrary: jsonObject(inner, keys) },
  );
}

function jsonObject(value: fc.Arbitrary<string>, keys: string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...keys) },
          { weight: 1, arbitrary: fc.constantFrom(...KEYS) },
        ),
        value,
      ),
      { maxLength: 8 },
    )
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
}

type Outcome = { ok: string } | { problem: string };

function outcome(run: () => unknown): Outcome {
  try {
    const value = run();
    return { ok: `${(value as object)?.constructor?.name} ${JSON.stringify(value)}` };
  } catch (error) {
    const { problem } = mapErrorToProblem(error, '/x', false);
    return { problem: `${(error as Error).constructor.name} ${JSON.stringify(problem)}` };
  }
}

describe('compileFailureReplica', () => {
  for (const { dto, options } of CASES) {
    const label = `${dto.name} ${JSON.stringify(options)}`;

    it(`answers as class-validator for ${label}`, () => {
      const pipe = new ValidationPipe(options);
      const metadata = { type: 'body' as const, metatype: dto };
      const compiled = compileDtoSchema(dto, {
        whitelist: options.whitelist !== false,
        forbidNonWhitelisted: options.forbidNonWhitelisted === true,
        ...(options.groups ? { groups: options.groups } : {}),
        ...(options.skipMissingProperties ? { skipMissingProperties: true } : {}),
      });
      expect(compiled.reasons).toEqual([]);
      const replica = compileFailureReplica(dto, {
        groups: options.groups,
        whitelist: options.whitelist !== false,
        forbidNonWhitelisted: options.whitelist !== false && options.forbidNonWhitelisted === true,
        skipMissingProperties: options.skipMissingProperties === true,
      })!;
      expect(replica).toBeDefined();
      const invalid = pipe.invalidInput(dto, metadata);
      let answered = 0;
      let runs = 0;
      fc.assert(
        fc.property(jsonObject(jsonValue(2, propertiesOf(dto)), propertiesOf(dto)), (text) => {
          runs++;
          if ((replica(JSON.parse(text) as Record<string, unknown>)?.length ?? 0) > 0) answered++;
          const expected = outcome(() => pipe.transform(JSON.parse(text), metadata));
          const actual = outcome(() => invalid(JSON.parse(text)));
          expect(actual).toEqual(expected);
        }),
        { numRuns: 400 },
      );
      // The replica itself answered most bodies: the comparison is not class-validator against itself.
      expect(answered / runs).toBeGreaterThan(0.5);
    });
  }

  it('leaves bodies with prototype-named keys to class-transformer', () => {
    const replica = compileFailureReplica(Exact, {
      groups: undefined,
      whitelist: true,
      forbidNonWhitelisted: true,
      skipMissingProperties: false,
    })!;
    expect(replica(JSON.parse('{"s":1}') as Record<string, unknown>)).toBeDefined();
    expect(replica(JSON.parse('{"s":1,"toString":1}') as Record<string, unknown>)).toBeUndefined();
    expect(replica(JSON.parse('{"__proto__":{"s":1}}') as Record<string, unknown>)).toBeUndefined();
  });
});

import 'reflect-metadata';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { compileDtoSchema } from '../../src/validation/dto-schema-compiler';
import { bodyValidatorCompiler } from '../../src/validation/body-validator-compiler';

enum Color {
  Red = 'red',
  Blue = 'blue',
}
enum Level {
  Low,
  High,
}

class Line {
  @IsString() @Length(1, 20) sku!: string;
  @IsInt() @Min(1) @Max(99) quantity!: number;
}

class Order {
  @IsString() @MinLength(2) @MaxLength(10) customer!: string;
  @IsOptional() @IsEnum(Color) color?: Color;
  @IsOptional() @IsEnum(Level) level?: Level;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
  @IsOptional() @ValidateNested() @Type(() => Line) featured?: Line;
  @IsString({ each: true }) @IsArray() @ArrayUnique() tags!: string[];
  @IsNumber() @IsPositive() total!: number;
  @IsBoolean() gift!: boolean;
  @IsIn(['a', 'b', 1]) kind!: string;
  @Matches(/^[A-Z]{3}$/) currency!: string;
  @IsNotEmpty() note!: string;
  @IsDefined() anything!: unknown;
  @Equals('yes') accept!: string;
  @Allow() free?: unknown;
  @IsOptional() @IsInt() page = 1;
}

class WithEmail {
  @IsEmail() email!: string;
}
class WithCondition {
  @ValidateIf((o: { a?: string }) => o.a !== undefined) @IsString() a?: string;
}
class Grouped {
  @IsString({ groups: ['create'] }) name!: string;
  @IsInt({ groups: ['update'] }) id!: number;
}

const valid = {
  customer: 'ann',
  lines: [{ sku: 'x', quantity: 2 }],
  tags: ['a', 'b'],
  total: 3.5,
  gift: false,
  kind: 'a',
  currency: 'EUR',
  note: 'n',
  anything: 0,
  accept: 'yes',
};

// Values chosen to hit every type boundary the constraints above care about.
const odd: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'EUR',
  'yes',
  0,
  1,
  -1,
  1.5,
  100,
  true,
  false,
  [],
  ['a'],
  ['a', 'a'],
  {},
  { sku: 'x', quantity: 2 },
  [{ sku: 'x', quantity: 2 }],
  [{ sku: '', quantity: 0 }],
  'ab\uFE0F',
  'red',
  'a',
];

function cvAccepts(
  cls: new () => object,
  input: object,
  opts: { forbidNonWhitelisted?: boolean; groups?: string[] } = {},
): boolean {
  const instance = plainToInstance(cls, structuredClone(input));
  return validateSync(instance, { whitelist: true, forbidUnknownValues: true, ...opts }).length === 0;
}

describe('compileDtoSchema', () => {
  it('compiles a DTO whose constraints all have JSON Schema equivalents, and the schema accepts a valid body', () => {
    const compiled = compileDtoSchema(Order, { whitelist: true });
    expect(compiled.reasons).toEqual([]);
    expect(compiled.validation).toBeDefined();
    const check = bodyValidatorCompiler(true)({ schema: compiled.validation! });
    expect(check(structuredClone(valid))).toBe(true);
    expect(cvAccepts(Order, valid)).toBe(true);
    expect(compiled.validation!.required).toEqual(
      expect.arrayContaining([
        'customer',
        'lines',
        'tags',
        'total',
        'gift',
        'kind',
        'currency',
        'note',
        'anything',
        'accept',
      ]),
    );
    expect(compiled.validation!.required).not.toContain('page');
    expect(compiled.validation!.required).not.toContain('free');
  });

  it('never accepts what class-validator rejects (every property set to every odd value)', () => {
    const compiled = compileDtoSchema(Order, { whitelist: true });
    const check = bodyValidatorCompiler(true)({ schema: compiled.validation! });
    let accepted = 0;
    let checked = 0;
    for (const key of Object.keys(valid).concat(['color', 'level', 'featured', 'page', 'free'])) {
      for (const value of odd) {
        const input: Record<string, unknown> = { ...structuredClone(valid), [key]: value };
        if (value === undefined) delete input[key];
        checked++;
        if (check(structuredClone(input))) {
          accepted++;
          expect({ key, value, cv: cvAccepts(Order, input) }).toEqual({ key, value, cv: true });
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(10);
  });

  it('strips unknown properties in place when whitelisting, at every depth', () => {
    const check = bodyValidatorCompiler(true)({
      schema: compileDtoSchema(Order, { whitelist: true }).validation!,
    });
    const input = { ...structuredClone(valid), extra: 1, lines: [{ sku: 'x', quantity: 2, deep: true }] };
    expect(check(input)).toBe(true);
    expect(input).not.toHaveProperty('extra');
    expect(input.lines[0]).toEqual({ sku: 'x', quantity: 2 });
  });

  it('rejects unknown properties with forbidNonWhitelisted', () => {
    const compiled = compileDtoSchema(Order, { whitelist: true, forbidNonWhitelisted: true });
    const check = bodyValidatorCompiler(false)({ schema: compiled.validation! });
    expect(check({ ...structuredClone(valid), extra: 1 })).toBe(false);
    expect(check(structuredClone(valid))).toBe(true);
  });

  it('explains why a DTO is not exact, and still documents it', () => {
    const email = compileDtoSchema(WithEmail);
    expect(email.validation).toBeUndefined();
    expect(email.reasons).toEqual([
      'WithEmail.email uses @isEmail which has no exact JSON Schema equivalent',
    ]);
    expect(email.document).toEqual({
      type: 'object',
      title: 'WithEmail',
      properties: { email: { type: 'string', format: 'email' } },
      required: ['email'],
    });
    expect(compileDtoSchema(WithCondition).reasons).toEqual(['WithCondition.a has a @ValidateIf condition']);
  });

  it('applies validation groups exactly as class-validator selects them', () => {
    const create = compileDtoSchema(Grouped, { groups: ['create'] });
    expect(Object.keys(create.validation!.properties!)).toEqual(['name']);
    const check = bodyValidatorCompiler(true)({ schema: create.validation! });
    expect(check({ name: 'x', id: 'not-checked' })).toBe(true);
    expect(cvAccepts(Grouped, { name: 'x', id: 'not-checked' }, { groups: ['create'] })).toBe(true);
  });

  it('documents optional properties as nullable and enums by their values', () => {
    const doc = compileDtoSchema(Order).document;
    expect(doc.properties!.color).toEqual({ anyOf: [{ type: 'null' }, { enum: ['red', 'blue'] }] });
    expect(doc.properties!.page).toEqual({ type: ['integer', 'null'] });
    expect(doc.properties!.customer).toEqual({
      type: 'string',
      minLength: 2,
      not: { pattern: '[\\uFE0E\\uFE0F]' },
      maxLength: 10,
    });
  });
});

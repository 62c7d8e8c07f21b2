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
  IsISO8601,
  IsUrl,
  IsUUID,
  Validate,
  ValidateBy,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
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

// Built-in constraints without a JSON Schema keyword run through class-validator's own function.
class Contact {
  @IsEmail({ allow_display_name: true }) email!: string;
  @IsUUID('4') id!: string;
  @IsOptional() @IsUrl({ require_protocol: true }) site?: string;
  @IsISO8601({ strict: true }, { each: true }) @IsArray() dates!: string[];
}

@ValidatorConstraint({ name: 'isEven' })
class IsEvenConstraint implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'number' && value % 2 === 0;
  }
}
class WithCustom {
  @Validate(IsEvenConstraint) even!: number;
}
// A user's ValidateBy that borrows a built-in's name still runs its own function.
class WithImpostor {
  @ValidateBy({ name: 'isEmail', validator: { validate: (v: unknown) => v === 'me' } }) email!: string;
}
class WithConversion {
  @Type(() => Number) @IsString() code!: string;
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

  it('runs built-in constraints without a JSON Schema keyword through class-validator’s own functions', () => {
    const compiled = compileDtoSchema(Contact, { whitelist: true });
    expect(compiled.reasons).toEqual([]);
    expect(compiled.validation!.properties!.email).toEqual({ tenonConstraint: expect.any(Number) });
    const check = bodyValidatorCompiler(true)({ schema: compiled.validation! });
    const good = {
      email: 'Ada <ada@example.com>',
      id: '3b241101-e2bb-4255-8caf-4136c566a962',
      site: 'https://example.com/x',
      dates: ['2024-02-29', '2024-02-29T10:00:00Z'],
    };
    expect(check(structuredClone(good))).toBe(true);
    const values: Record<string, unknown[]> = {
      email: [
        'ada@example.com',
        'Ada <ada@example.com>',
        'ada@',
        'ada',
        '',
        5,
        null,
        ['ada@example.com'],
        {},
      ],
      id: [good.id, '3b241101-e2bb-1255-8caf-4136c566a962', 'nope', 42, null],
      site: [undefined, null, 'https://example.com', 'example.com', 'ftp://x.y', 7],
      dates: [[], ['2024-02-30'], ['2024-13-01'], ['2024-02-29'], '2024-02-29', [1], ['x', '2024-02-29']],
    };
    let checked = 0;
    for (const [key, list] of Object.entries(values)) {
      for (const value of list) {
        const input: Record<string, unknown> = { ...structuredClone(good), [key]: value };
        if (value === undefined) delete input[key];
        checked++;
        expect({ key, value, schema: check(structuredClone(input)) }).toEqual({
          key,
          value,
          schema: cvAccepts(Contact, input),
        });
      }
    }
    expect(checked).toBe(27);
  });

  it('runs a constraint named like a built-in through its own function', () => {
    const check = bodyValidatorCompiler(true)({ schema: compileDtoSchema(WithImpostor).validation! });
    for (const email of ['me', 'ada@example.com'])
      expect(check({ email })).toBe(cvAccepts(WithImpostor, { email }));
    expect(check({ email: 'me' })).toBe(true);
  });

  it('explains why a DTO is not exact, and still documents it', () => {
    const custom = compileDtoSchema(WithCustom);
    expect(custom.validation).toBeUndefined();
    expect(custom.reasons).toEqual([
      'WithCustom.even uses @isEven which has no exact JSON Schema equivalent',
    ]);
    expect(compileDtoSchema(WithConversion).reasons).toEqual([
      'WithConversion.code uses @Type(() => Number), which converts the value before validation',
    ]);
    const email = compileDtoSchema(WithEmail);
    expect(email.validation).toBeDefined();
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

import type { ValidationError, ValidatorOptions } from 'class-validator';
import { HttpErrorCode } from '../errors/errors';
import { HttpException } from '../exceptions/http.exception';
import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { ArgumentRefusal } from '../pipeline/argument-refusal';
import { classTransformer, classValidator } from './class-libraries';
import { guardConstraints } from './constraint-guard';
import { hasAsyncConstraints, isDtoClass } from './dto-class';
import { dtoInstantiator } from './dto-instantiator';
import { compileFailureReplica } from './failure-replica';
import { mergeValidationErrors, nestedShapeErrors } from './nested-shape';
import { settleTransformedInput } from './transformed-input';
import { flattenValidationErrors } from './validation-errors';
import { validationException } from './validation-exception';

/** How `ValidationPipe` validates and transforms DTO-typed arguments. */
export interface ValidationPipeOptions {
  /** Strip properties that carry no validation decorator (default true). */
  whitelist?: boolean;
  /** Reject, instead of strip, properties that carry no validation decorator (default false). */
  forbidNonWhitelisted?: boolean;
  /** Hand the handler a DTO instance (default true); false gives a plain, stripped object. */
  transform?: boolean;
  /** Validation groups to apply. */
  groups?: string[];
  /** Skip constraints of properties that are `null` or `undefined`. */
  skipMissingProperties?: boolean;
  /**
   * Convert strings to the declared property types before validating. Default: on for query,
   * params and headers (they are always strings), off for the body.
   */
  enableImplicitConversion?: boolean;
  /**
   * Let Fastify's compiled JSON Schema validator check bodies first where the DTO's constraints
   * all have an exact JSON Schema equivalent (default true). Failures are reported by a replica of
   * class-validator compiled for the DTO (class-validator itself where the replica cannot say),
   * so responses are the same bytes either way.
   */
  compiledSchema?: boolean;
  /** The status of validation failures (default 400). */
  errorHttpStatusCode?: number;
  /** Dotted property paths whose values are never echoed in errors, beyond the usual names. */
  secretProperties?: string[];
}

const CONVERT = { enableImplicitConversion: true } as const;
const KEEP = { enableImplicitConversion: false } as const;

const WHERE: Record<ArgumentMetadata['type'], string> = {
  body: 'request body',
  query: 'query string',
  param: 'route parameters',
  headers: 'request headers',
  custom: 'argument',
};

/**
 * Validates DTO-typed arguments with class-validator and turns them into instances with
 * class-transformer. Invalid input is a 400 problem with one `errors` entry per field.
 * Applied to every route by default; give your own instance to change options.
 *
 * @example
 * export class CreateTodoDto { @IsString() @Length(1, 200) title!: string; }
 * @Post() create(@Body() dto: CreateTodoDto) {}          // validated by the default pipe
 * @Post() @UsePipes(new ValidationPipe({ forbidNonWhitelisted: true })) strict(@Body() dto: CreateTodoDto) {}
 */
export class ValidationPipe implements PipeTransform {
  private readonly asyncCache = new WeakMap<Function, boolean>();
  private readonly secret: (path: string) => boolean;
  // Built on first use (class-validator only reads them), not for every request.
  private validatorOptionsOnce?: ValidatorOptions;

  constructor(readonly options: ValidationPipeOptions = {}) {
    const secrets = new Set(options.secretProperties ?? []);
    this.secret = (path) => secrets.has(path);
  }

  get whitelist(): boolean {
    return this.options.whitelist !== false;
  }

  get transformsToInstance(): boolean {
    return this.options.transform !== false;
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype;
    if (!isDtoClass(metatype)) return value;
    if (metadata.type === 'body' && value === undefined) {
      throw new HttpException(
        'This endpoint needs a request body: send a JSON object with Content-Type: application/json.',
        this.options.errorHttpStatusCode ?? 400,
        { code: HttpErrorCode.EMPTY_BODY },
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new HttpException(
        `The ${WHERE[metadata.type]} must be a JSON object.`,
        this.options.errorHttpStatusCode ?? 400,
        {
          code: HttpErrorCode.VALIDATION_FAILED,
        },
      );
    }
    const implicit = this.options.enableImplicitConversion ?? metadata.type !== 'body';
    const instance = classTransformer().plainToInstance(metatype, value, implicit ? CONVERT : KEEP) as object;
    const unknown = settleTransformedInput(
      value,
      instance,
      this.whitelist && this.options.forbidNonWhitelisted === true,
    );
    const validatorOptions = (this.validatorOptionsOnce ??= this.validatorOptions());
    let isAsync = this.asyncCache.get(metatype);
    if (isAsync === undefined) {
      guardConstraints(metatype);
      isAsync = hasAsyncConstraints(metatype);
      this.asyncCache.set(metatype, isAsync);
    }
    if (isAsync) {
      return classValidator()
        .validate(instance, validatorOptions)
        .then((errors) => this.finish(instance, mergeValidationErrors(errors, unknown), metadata, metatype));
    }
    return this.finish(
      instance,
      mergeValidationErrors(classValidator().validateSync(instance, validatorOptions), unknown),
      metadata,
      metatype,
    );
  }

  /** The value the handler gets for input that is already known to be valid. */
  fromValid(value: object, metatype: Function): unknown {
    return this.validInput(metatype)(value);
  }

  /**
   * `fromValid` for one DTO class, resolved once (at boot, by the route compiler) so a request
   * pays only for building the instance.
   */
  validInput(metatype: Function): (value: object) => unknown {
    if (!this.transformsToInstance) return (value) => value;
    return dtoInstantiator(metatype);
  }

  /**
   * What the route runs, resolved once at boot like `validInput`, when Fastify's compiled check
   * refused a body of this DTO: the errors come from a replica of class-transformer and
   * class-validator compiled for the DTO (`compileFailureReplica`), the same bytes at a fraction
   * of the cost; `transform` answers whatever the replica leaves to it.
   */
  invalidInput(metatype: Function, metadata: ArgumentMetadata): (value: unknown) => unknown {
    const refused = this.refusedInput(metatype, metadata);
    return (value) => {
      const out = refused(value);
      if (out instanceof ArgumentRefusal) throw out.error;
      return out;
    };
  }

  /**
   * `invalidInput` for the route's own argument resolver: the replica's failure is given back as
   * an `ArgumentRefusal` holding the exception instead of thrown (what `transform` throws is
   * still thrown), so the route answers it without paying for a throw.
   */
  refusedInput(metatype: Function, metadata: ArgumentMetadata): (value: unknown) => unknown {
    const replica =
      metadata.type === 'body' && this.options.enableImplicitConversion !== true && isDtoClass(metatype)
        ? compileFailureReplica(metatype, {
            groups: this.options.groups,
            whitelist: this.whitelist,
            forbidNonWhitelisted: this.whitelist && this.options.forbidNonWhitelisted === true,
            skipMissingProperties: this.options.skipMissingProperties === true,
          })
        : undefined;
    if (replica === undefined) return (value) => this.transform(value, metadata);
    return (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return this.transform(value, metadata);
      const errors = replica(value as Record<string, unknown>);
      // No errors: the compiled check is stricter than class-validator here; it decides.
      if (errors === undefined || errors.length === 0) return this.transform(value, metadata);
      return new ArgumentRefusal(this.failure(errors, metadata));
    };
  }

  private validatorOptions(): ValidatorOptions {
    const o: ValidatorOptions = {
      whitelist: this.whitelist,
      forbidNonWhitelisted: this.options.forbidNonWhitelisted === true,
      forbidUnknownValues: true,
    };
    if (this.options.groups !== undefined) o.groups = this.options.groups;
    if (this.options.skipMissingProperties !== undefined)
      o.skipMissingProperties = this.options.skipMissingProperties;
    return o;
  }

  private finish(
    instance: object,
    errors: ValidationError[],
    metadata: ArgumentMetadata,
    metatype: Function,
  ): unknown {
    // What class-validator lets through in nested DTOs (`[[]]` for a list of objects).
    const shape = nestedShapeErrors(instance, metatype, this.options.groups);
    if (shape.length > 0) errors = mergeValidationErrors(errors, shape);
    if (errors.length > 0) throw this.failure(errors, metadata);
    return this.transformsToInstance ? instance : classTransformer().instanceToPlain(instance);
  }

  private failure(errors: ValidationError[], metadata: ArgumentMetadata): HttpException {
    const fields = flattenValidationErrors(errors, this.secret);
    const count = fields.length === 1 ? '1 invalid field' : `${fields.length} invalid fields`;
    // A client's invalid input, answered with its fields: the stack of where it was found tells
    // nobody anything, and capturing it was the largest single cost of a 400 answer.
    return validationException(
      `The ${WHERE[metadata.type]} has ${count}: see errors.`,
      this.options.errorHttpStatusCode ?? 400,
      fields,
    );
  }
}

import fc from 'fast-check';
import { isEmail } from 'class-validator';
import { fastAccept, fastReject } from '../../src/validation/fast-accept';

// The shortcut may only say yes where validator.js says yes: these properties are the proof
// that the compiled path answers exactly as class-validator does.
describe('fastAccept', () => {
  const own = (value: unknown): boolean => isEmail(value);
  const common = fastAccept('isEmail', [undefined], own)!;

  it('has a shortcut for @IsEmail() with default options only', () => {
    expect(common).toBeDefined();
    expect(fastAccept('isEmail', [{ allow_display_name: true }], own)).toBeUndefined();
    expect(fastAccept('isUUID', [undefined], own)).toBeUndefined();
  });

  it('gives none to a constraint that only borrows the name', () => {
    expect(fastAccept('isEmail', [undefined], () => true)).toBeUndefined();
    expect(fastAccept('isEmail', [undefined], (v) => own(v) && !String(v).includes('+'))).toBeUndefined();
    expect(fastAccept('isEmail', [undefined], (v) => own(v) && String(v).length <= 64)).toBeUndefined();
    expect(
      fastAccept('isEmail', [undefined], () => {
        throw new Error('no');
      }),
    ).toBeUndefined();
  });

  it('accepts the common shapes', () => {
    for (const value of ['ada@example.com', 'a.b+tag@mail.example.co.uk', "o'hara@x-y.io", 'A_B@EXAMPLE.ORG'])
      expect(common(value)).toBe(true);
  });

  it('leaves unusual or invalid values to validator.js', () => {
    const rejected = [
      '"quoted"@example.com',
      'josé@example.com',
      'a..b@example.com',
      '.a@example.com',
      'a@example',
      'a@example.c0m',
      'a@-example.com',
      'a@exa_mple.com',
      'a@xn--p1ai',
      `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(64)}.com`,
      '\ud800@example.test',
      'a@b@example.com',
      '',
      42,
      null,
    ];
    for (const value of rejected) expect(common(value)).toBe(false);
  });

  it('never accepts what validator.js rejects (generated addresses)', () => {
    const atomChar = fc.constantFrom(...'abcXYZ019!#$%&\'*+-/=?^_`{|}~._@"\\ é'.split(''));
    const labelChar = fc.constantFrom(...'abzAZ09-_.é'.split(''));
    const address = fc
      .tuple(
        fc.string({ unit: atomChar, minLength: 0, maxLength: 70 }),
        fc.array(fc.string({ unit: labelChar, minLength: 0, maxLength: 66 }), { minLength: 1, maxLength: 5 }),
        fc.string({ unit: fc.constantFrom(...'abcz19-'.split('')), minLength: 0, maxLength: 65 }),
      )
      .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);
    fc.assert(
      fc.property(address, (value) => !common(value) || own(value)),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => !common(value) || own(value)),
      { numRuns: 20000 },
    );
  });

  it('accepts most well-formed addresses, so the shortcut is worth having', () => {
    const atom = fc.string({
      unit: fc.constantFrom(...'abcxyz0189+-_'.split('')),
      minLength: 1,
      maxLength: 10,
    });
    const label = fc.string({
      unit: fc.constantFrom(...'abcxyz0189'.split('')),
      minLength: 1,
      maxLength: 10,
    });
    const tld = fc.string({ unit: fc.constantFrom(...'abcxyz'.split('')), minLength: 2, maxLength: 6 });
    const address = fc
      .tuple(
        fc.array(atom, { minLength: 1, maxLength: 3 }),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        tld,
      )
      .map(([local, labels, t]) => `${local.join('.')}@${[...labels, t].join('.')}`);
    fc.assert(
      fc.property(address, (value) => common(value) && own(value)),
      { numRuns: 5000 },
    );
  });

  it('refuses early only what validator.js refuses (generated strings)', () => {
    const reject = fastReject('isEmail', [undefined], own)!;
    expect(reject).toBeDefined();
    expect(fastReject('isEmail', [{ allow_display_name: true }], own)).toBeUndefined();
    expect(fastReject('isEmail', [undefined], () => true)).toBeUndefined();
    for (const value of ['ada@example.com', '"q"@x.io', 'a@b']) expect(reject(value)).toBe(false);
    const unit = fc.constantFrom(...'ab.@-_"[]<> 1é\uff20'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 30 }), fc.anything()), (value) => {
        if (reject(value)) expect(own(value)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

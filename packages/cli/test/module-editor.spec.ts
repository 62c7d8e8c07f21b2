import { registerInModule } from '../src/generate/module-editor';
import { CliErrorCode } from '../src/index';

const multiline = `import { Module } from '@tenon/core';
import { ItemModule } from './items/item.module';

@Module({
  imports: [
    ItemModule,
  ],
})
export class AppModule {}
`;

describe('registerInModule (TypeScript AST)', () => {
  it('adds to a multi-line list on a line of its own, keeping the trailing comma, and imports the class', () => {
    const text = registerInModule(multiline, 'src/app.module.ts', {
      property: 'imports',
      name: 'CatModule',
      from: './cats/cat.module',
    });
    expect(text).toBe(`import { Module } from '@tenon/core';
import { ItemModule } from './items/item.module';
import { CatModule } from './cats/cat.module';

@Module({
  imports: [
    ItemModule,
    CatModule,
  ],
})
export class AppModule {}
`);
  });

  it('is idempotent: a registered class is not added twice', () => {
    const once = registerInModule(multiline, 'a.ts', {
      property: 'imports',
      name: 'CatModule',
      from: './cat',
    })!;
    expect(
      registerInModule(once, 'a.ts', { property: 'imports', name: 'CatModule', from: './cat' }),
    ).toBeUndefined();
  });

  it('creates the property in an empty @Module({}) and in a one-line object', () => {
    const empty = `import { Module } from '@tenon/core';\n@Module({})\nexport class M {}\n`;
    expect(registerInModule(empty, 'm.ts', { property: 'providers', name: 'A', from: './a.js' })).toBe(
      `import { Module } from '@tenon/core';\nimport { A } from './a.js';\n@Module({ providers: [A] })\nexport class M {}\n`,
    );
    const oneLine = `@Module({ controllers: [X] })\nexport class M {}\n`;
    expect(registerInModule(oneLine, 'm.ts', { property: 'controllers', name: 'Y', from: './y' })).toBe(
      `import { Y } from './y';\n@Module({ controllers: [X, Y] })\nexport class M {}\n`,
    );
    expect(registerInModule(oneLine, 'm.ts', { property: 'providers', name: 'S', from: './s' })).toBe(
      `import { S } from './s';\n@Module({ controllers: [X], providers: [S] })\nexport class M {}\n`,
    );
  });

  it('adds a repository to an existing DataModule.forFeature([...]), else adds forFeature and imports DataModule', () => {
    const feature = `import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { CatRepository } from './cat.repository';

@Module({ imports: [DataModule.forFeature([CatRepository])] })
export class CatModule {}
`;
    const added = registerInModule(feature, 'c.ts', {
      property: 'imports',
      name: 'DogRepository',
      from: './dog.repository',
      forFeature: true,
    });
    expect(added).toContain('DataModule.forFeature([CatRepository, DogRepository])');
    expect(added).toContain("import { DogRepository } from './dog.repository';");
    const bare = `import { Module } from '@tenon/core';\n@Module({})\nexport class M {}\n`;
    const withFeature = registerInModule(bare, 'm.ts', {
      property: 'imports',
      name: 'R',
      from: './r',
      forFeature: true,
    })!;
    expect(withFeature).toContain('@Module({ imports: [DataModule.forFeature([R])] })');
    expect(withFeature).toContain("import { DataModule } from '@tenon/data';");
  });

  it('merges into an existing import of the same file', () => {
    const source = `import { Module } from '@tenon/core';\nimport { A } from './parts';\n@Module({ providers: [A] })\nexport class M {}\n`;
    expect(registerInModule(source, 'm.ts', { property: 'providers', name: 'B', from: './parts' })).toBe(
      `import { Module } from '@tenon/core';\nimport { A, B } from './parts';\n@Module({ providers: [A, B] })\nexport class M {}\n`,
    );
  });

  it('refuses a file without @Module({...}) and a list that is not an array literal, naming what to add', () => {
    expect(() =>
      registerInModule('export class X {}\n', 'src/x.ts', { property: 'providers', name: 'A', from: './a' }),
    ).toThrow(
      expect.objectContaining({
        code: CliErrorCode.MODULE_NOT_EDITABLE,
        message:
          "src/x.ts has no class decorated with @Module({ ... }) (an object literal), so A could not be registered. Add A to a module's providers by hand, or pass --module with the module file.",
      }),
    );
    expect(() =>
      registerInModule('@Module({ providers: list })\nclass M {}\n', 'm.ts', {
        property: 'providers',
        name: 'A',
        from: './a',
      }),
    ).toThrow(
      expect.objectContaining({
        code: CliErrorCode.MODULE_NOT_EDITABLE,
        message:
          'm.ts: providers of @Module is not an array literal (list), so A could not be added. Add A to it by hand.',
      }),
    );
  });
});

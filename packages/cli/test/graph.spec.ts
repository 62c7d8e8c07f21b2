import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { toDot } from '../src/graph/graph-render';
import { run } from './run';

const repoRoot = path.resolve(__dirname, '../../..');

describe('tenon graph', () => {
  let dir: string;
  let app: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tenon-graph-'));
    await run(['new', 'app', '--skip-install'], dir);
    app = path.join(dir, 'app');
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(app, 'node_modules'));
    await run(['g', 'resource', 'cats'], app);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws modules, imports, controllers and providers as DOT without building anything', async () => {
    const result = await run(['graph', '--out', 'graph.dot'], app);
    expect(result.err).toBe('');
    expect(result.out).toMatch(/^wrote graph\.dot: \d+ modules, 3 controllers, \d+ providers \(\d+ ms\)$/);
    const dot = readFileSync(path.join(app, 'graph.dot'), 'utf8');
    expect(dot).toMatch(/^digraph tenon \{/);
    for (const name of ['AppModule', 'ItemModule', 'CatModule', 'ItemController', 'CatService', 'DataModule'])
      expect(dot).toContain(name);
    // AppModule (m0) imports ItemModule and CatModule.
    const id = (name: string) => new RegExp(`(m\\d+) \\[label=<[^\\n]*<b>${name}</b>`).exec(dot)![1];
    expect(dot).toContain(`${id('AppModule')} -> ${id('ItemModule')};`);
    expect(dot).toContain(`${id('AppModule')} -> ${id('CatModule')};`);
    // No database was opened: scan only.
    expect(existsSync(path.join(app, '.tenon', 'data'))).toBe(false);
  }, 60_000);

  it('renders SVG (Graphviz in WebAssembly) and a self-contained HTML page', async () => {
    expect((await run(['graph'], app)).code).toBe(0);
    const svg = readFileSync(path.join(app, 'graph.svg'), 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('CatModule');
    expect((await run(['graph', '--out', 'graph.html'], app)).code).toBe(0);
    const html = readFileSync(path.join(app, 'graph.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  }, 60_000);

  it('refuses another output format and a module file without the export', async () => {
    expect(await run(['graph', '--out', 'graph.png'], app)).toMatchObject({
      code: 1,
      err: 'TENON_CLI_INVALID_OPTION: --out graph.png: the file must end with .svg, .html or .dot.',
    });
    const wrong = await run(['graph', '--module', 'src/items/item.module.ts#Nope', '--out', 'x.dot'], app);
    expect(wrong).toMatchObject({
      code: 1,
      err: 'TENON_CLI_INVALID_OPTION: src/items/item.module.ts exports the modules ItemModule, not Nope. Pass --module <file>#<ExportName>.',
    });
  }, 60_000);

  it('marks global and dynamic modules and escapes names', () => {
    const dot = toDot([
      {
        id: 'm0',
        name: 'A<B>',
        global: true,
        dynamic: true,
        controllers: [],
        providers: ['x&y'],
        imports: [],
      },
    ]);
    expect(dot).toContain('<b>A&lt;B&gt;</b> <i>(dynamic)</i> <i>(global)</i>');
    expect(dot).toContain('&#8226; x&amp;y');
    expect(dot).toContain('style="dashed"');
  });
});

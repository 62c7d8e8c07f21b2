import { Page } from '@tenon/data';
import { NotFoundException } from '@tenon/http';
import { createMock, Test, type DeepMocked, type TestingModule } from '@tenon/testing';
import type { {{Name}} } from '../../src/{{folder}}/{{file}}.entity{{ext}}';
import { {{Name}}Module } from '../../src/{{folder}}/{{file}}.module{{ext}}';
import { {{Name}}Repository } from '../../src/{{folder}}/{{file}}.repository{{ext}}';
import { {{Name}}Service } from '../../src/{{folder}}/{{file}}.service{{ext}}';

function {{name}}(overrides: Partial<{{Name}}> = {}): {{Name}} {
  const at = new Date('2026-01-01T10:00:00.000Z');
  return { id: 1, name: 'first', createdAt: at, updatedAt: at, version: 0, ...overrides };
}

// A unit test: the real {{Name}}Module with its repository replaced, so no database is involved.
describe('{{Name}}Service', () => {
  let moduleRef: TestingModule;
  let {{names}}: DeepMocked<{{Name}}Repository>;
  let service: {{Name}}Service;

  beforeEach(async () => {
    {{names}} = createMock<{{Name}}Repository>();
    moduleRef = await Test.createTestingModule({ imports: [{{Name}}Module] })
      .overrideProvider({{Name}}Repository)
      .useValue({{names}})
      .compile();
    service = moduleRef.get({{Name}}Service);
  });

  afterEach(() => moduleRef.close());

  it('lists a page, by default the first 20', async () => {
    const page = new Page([{{name}}()], 1, 0, 20);
    {{names}}.findPage.mockResolvedValue(page);
    await expect(service.list({})).resolves.toBe(page);
    expect({{names}}.findPage).toHaveBeenCalledWith({ page: 0, size: 20, orderBy: { id: 'asc' } });
  });

  it('gives the {{name}}, or a NotFoundException naming the id', async () => {
    {{names}}.findById.mockResolvedValueOnce({{name}}()).mockResolvedValueOnce(null);
    await expect(service.get(1)).resolves.toEqual({{name}}());
    const error = await service.get(42).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).detail).toBe('{{Name}} 42 does not exist.');
  });

  it('answers 404 when there was nothing to delete', async () => {
    {{names}}.deleteById.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    await expect(service.remove(1)).resolves.toBeUndefined();
    await expect(service.remove(2)).rejects.toThrow('{{Name}} 2 does not exist.');
  });
});

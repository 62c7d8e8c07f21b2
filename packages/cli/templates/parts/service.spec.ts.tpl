import { Test } from '@tenon/testing';
import { {{Name}}Service } from '../../src/{{folder}}/{{file}}.service{{ext}}';

describe('{{Name}}Service', () => {
  it('is built by the container and answers', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [{{Name}}Service] }).compile();
    expect(moduleRef.get({{Name}}Service).hello()).toBe('hello from {{Name}}Service');
    await moduleRef.close();
  });
});

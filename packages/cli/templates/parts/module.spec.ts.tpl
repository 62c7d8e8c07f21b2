import { Test } from '@tenon/testing';
import { {{Name}}Module } from '../../src/{{folder}}/{{file}}.module{{ext}}';

describe('{{Name}}Module', () => {
  it('boots on its own: every dependency of its providers is found', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [{{Name}}Module] }).compile();
    await moduleRef.close();
  });
});

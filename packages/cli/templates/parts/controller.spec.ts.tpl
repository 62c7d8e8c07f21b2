import { Test } from '@tenon/testing';
import { {{Name}}Controller } from '../../src/{{folder}}/{{file}}.controller{{ext}}';

describe('{{Name}}Controller', () => {
  it('answers GET /{{path}}', async () => {
    const app = await Test.createTestingModule({ controllers: [{{Name}}Controller] }).createHttpApplication({ logger: false });
    const res = await app.inject({ method: 'GET', url: '/{{path}}' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
    await app.close();
  });
});

import { NotFoundException, type ExecutionContext } from '@tenon/http';
import { {{Name}}Filter } from '../../src/{{folder}}/{{file}}.filter{{ext}}';

describe('{{Name}}Filter', () => {
  it('sends the status and message of the exception', () => {
    const sent: unknown[] = [];
    const reply = { code: (status: number) => ({ send: (body: unknown) => sent.push(status, body) }) };
    new {{Name}}Filter().catch(new NotFoundException('gone'), { getReply: () => reply } as unknown as ExecutionContext);
    expect(sent).toEqual([404, { status: 404, message: 'gone' }]);
  });
});

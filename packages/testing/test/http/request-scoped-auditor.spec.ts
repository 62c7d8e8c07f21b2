import 'reflect-metadata';
import { Inject, Injectable, Module, Scope } from '@tenon/core';
import {
  Column,
  CreatedBy,
  CrudRepository,
  DataModule,
  Entity,
  Id,
  Repository,
  type AuditorProvider,
} from '@tenon/data';
import { Body, Controller, Get, HttpCode, Post, REQUEST, type HttpApplication } from '@tenon/http';
import type { FastifyRequest } from 'fastify';
import { Test } from '@tenon/testing';

// The auditor pattern the @tenon/data README shows: a request-scoped AuditorProvider that injects
// REQUEST. The Database depends on it, so every route that reaches a repository gets a request
// scope under requestScope 'route' (and 'auto' on Node 20/22), and @CreatedBy is the caller.

@Entity('notes')
class Note {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 50 }) text!: string;
  @CreatedBy({ type: 'string' }) author!: string | null;
}

@Repository(Note)
class NoteRepository extends CrudRepository<Note, number> {}

@Injectable({ scope: Scope.REQUEST })
class HeaderAuditor implements AuditorProvider {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  getCurrentAuditor(): string {
    return String(this.request.headers['x-user'] ?? 'anonymous');
  }
}

@Controller('notes')
class NotesController {
  constructor(private readonly notes: NoteRepository) {}

  @Post()
  @HttpCode(201)
  async write(@Body() body: { text: string }): Promise<Note> {
    // After an await, so the auditor is reached in an async continuation of the request.
    await Promise.resolve();
    return this.notes.save(Object.assign(new Note(), { text: body.text }));
  }

  @Get('plain')
  plain(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [DataModule.forFeature([NoteRepository])], controllers: [NotesController] })
class NotesModule {}

@Module({
  imports: [
    DataModule.forRoot(
      { url: 'pglite://memory', schema: 'create', entities: [Note] },
      { auditor: HeaderAuditor },
    ),
    NotesModule,
  ],
})
class AppModule {}

describe.each(['route', 'auto', 'always'] as const)(
  'a request-scoped auditor with requestScope %s',
  (mode) => {
    let app: HttpApplication;
    beforeAll(async () => {
      app = await Test.createTestingModule({ imports: [AppModule] }, { logger: false }).createHttpApplication(
        {
          openapi: false,
          requestScope: mode,
        },
      );
    });
    afterAll(() => app.close());

    it('fills @CreatedBy with the caller of each request, concurrent ones included', async () => {
      const answers = await Promise.all(
        ['ada', 'bob', 'cy'].map((user) =>
          app.inject({
            method: 'POST',
            url: '/notes',
            headers: { 'x-user': user },
            payload: { text: `by ${user}` },
          }),
        ),
      );
      expect(answers.map((res) => [res.statusCode, res.json().text, res.json().author])).toEqual([
        [201, 'by ada', 'ada'],
        [201, 'by bob', 'bob'],
        [201, 'by cy', 'cy'],
      ]);
      expect((await app.inject('/notes/plain')).json()).toEqual({ ok: true });
    });
  },
);

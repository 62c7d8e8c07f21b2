import 'reflect-metadata';
import { Module, codePointLength } from '@tenon/core';
import { IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { Body, Controller, HttpApplication, Post, UsePipes, ValidationPipe } from '@tenon/http';

class PostDto {
  @IsString() @MaxLength(200) title!: string;
  @IsOptional() @IsString() @MaxLength(2000) body?: string;
  @IsOptional() @IsString() @MinLength(2) nick?: string;
  @IsOptional() @IsString() @Length(2, 3) code?: string;
  @IsOptional() @IsString({ each: true }) @MaxLength(2, { each: true }) tags?: string[];
}

@Controller('posts')
class PostsController {
  @Post() create(@Body() dto: PostDto) {
    return { ok: true, title: codePointLength(dto.title) };
  }
  @Post('class-validator') @UsePipes(new ValidationPipe({ compiledSchema: false })) viaClassValidator(
    @Body() dto: PostDto,
  ) {
    return { ok: true, title: codePointLength(dto.title) };
  }
}

@Module({ controllers: [PostsController] })
class PostsModule {}

const EMOJI = '😀';
// 'a' + U+FE0F: two code points that validator.js counts as one character.
const SELECTED = 'a\uFE0F';

describe('string lengths count code points, as PostgreSQL varchar does', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(PostsModule, { logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('has POST /posts on the compiled path and /posts/class-validator off it', () => {
    const compiled = (url: string) => app.compiledRoutes.find((r) => r.options.url === url)!.compiledBody;
    expect([compiled('/posts'), compiled('/posts/class-validator')]).toEqual([true, false]);
  });

  it('counts code points', () => {
    expect(codePointLength(EMOJI.repeat(101))).toBe(101);
    expect(codePointLength(SELECTED.repeat(1000) + 'a')).toBe(2001);
    expect(codePointLength('\ud800x')).toBe(2);
  });

  describe.each(['/posts', '/posts/class-validator'])('%s', (url) => {
    const send = (payload: object) => app.inject({ method: 'POST', url, payload });

    it('accepts a 101-emoji title under @MaxLength(200) (202 UTF-16 units)', async () => {
      const res = await send({ title: EMOJI.repeat(101) });
      expect([res.statusCode, res.json()]).toEqual([201, { ok: true, title: 101 }]);
      expect((await send({ title: EMOJI.repeat(200) })).statusCode).toBe(201);
      expect((await send({ title: EMOJI.repeat(201) })).statusCode).toBe(400);
    });

    it('refuses 2,001 code points made with variation selectors under @MaxLength(2000)', async () => {
      const res = await send({ title: 't', body: SELECTED.repeat(1000) + 'a' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        {
          property: 'body',
          constraints: { maxLength: 'body must be shorter than or equal to 2000 characters' },
        },
      ]);
      expect((await send({ title: 't', body: SELECTED.repeat(1000) })).statusCode).toBe(201);
    });

    it('counts variation selectors and emoji the same way for @MinLength, @Length and each: true', async () => {
      expect((await send({ title: 't', nick: SELECTED })).statusCode).toBe(201);
      expect((await send({ title: 't', nick: 'a' })).statusCode).toBe(400);
      expect((await send({ title: 't', code: EMOJI.repeat(3) })).statusCode).toBe(201);
      expect((await send({ title: 't', code: SELECTED.repeat(2) })).json().errors).toEqual([
        {
          property: 'code',
          constraints: { isLength: 'code must be shorter than or equal to 3 characters' },
          value: SELECTED.repeat(2),
        },
      ]);
      expect((await send({ title: 't', tags: [EMOJI.repeat(2), SELECTED] })).statusCode).toBe(201);
      expect((await send({ title: 't', tags: ['ab', `${SELECTED}b`] })).statusCode).toBe(400);
    });
  });
});

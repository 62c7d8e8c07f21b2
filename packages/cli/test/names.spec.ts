import { namesOf } from '../src/generate/names';
import { CliErrorCode } from '../src/index';

describe('namesOf', () => {
  it('gives every form of a name', () => {
    expect(namesOf('blog-posts')).toEqual({
      Name: 'BlogPost',
      Names: 'BlogPosts',
      name: 'blogPost',
      names: 'blogPosts',
      file: 'blog-post',
      folder: 'blog-posts',
      path: 'blog-posts',
      table: 'blog_posts',
    });
    expect(namesOf('cat')).toMatchObject({ Name: 'Cat', folder: 'cat', path: 'cats', table: 'cats' });
    expect(namesOf('categories')).toMatchObject({ Name: 'Category', file: 'category' });
    expect(namesOf('UserProfile')).toMatchObject({ file: 'user-profile', path: 'user-profiles' });
  });

  it('refuses a name that cannot become a class and files', () => {
    for (const bad of ['1cats', 'cats!', '../x', ''])
      expect(() => namesOf(bad)).toThrow(
        expect.objectContaining({
          code: CliErrorCode.INVALID_NAME,
          message: `"${bad}" cannot name a class and its files: use letters, digits, "-" and "_", starting with a letter (e.g. cats, blog-posts).`,
        }),
      );
  });
});

import 'reflect-metadata';
import { codePointLength } from '@tenon/core';

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['😀'.repeat(101), 101],
    ['a\uFE0F', 2],
    ['❤\uFE0F', 2],
    ['e\u0301', 2],
    ['\ud800', 1],
    ['\ud800x', 2],
    ['x\udc00', 2],
    ['\udc00\ud800', 2],
  ])('counts %j as %i code points, as PostgreSQL char_length does', (text, length) => {
    expect(codePointLength(text)).toBe(length);
    expect(codePointLength(text)).toBe([...text].length);
  });
});

import 'reflect-metadata';
import { liveRequestContextCount, trackRequestContexts } from '@tenon/core';
import { runInRequestContext } from '../../src/request/request-context';

describe('request context tracking', () => {
  it('counts nothing until switched on, then counts contexts until they are collected', async () => {
    expect(liveRequestContextCount()).toBeUndefined();
    trackRequestContexts();
    expect(liveRequestContextCount()).toBe(0);
    for (let i = 0; i < 100; i++) runInRequestContext(() => i);
    expect(liveRequestContextCount()).toBe(100);
  });
});

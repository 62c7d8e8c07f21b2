import { Injectable, Module, type Type } from '@tenon/core';
import { buildGraph, type GraphShape } from './graph-plan';

export type { GraphShape } from './graph-plan';

/** The generated graph (see graph-plan.ts) on Tenon's core decorators, without controllers. */
export function generateGraph(shape: GraphShape): Type {
  return buildGraph(shape, {
    Injectable: () => Injectable() as ClassDecorator,
    Module: (metadata) => Module(metadata as Parameters<typeof Module>[0]) as ClassDecorator,
  }) as unknown as Type;
}

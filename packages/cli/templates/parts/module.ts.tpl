import { Module } from '@tenon/core';

/** The {{name}} feature: `tenon g service|controller|repository {{folder}}` registers the new class here. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class {{Name}}Module {}

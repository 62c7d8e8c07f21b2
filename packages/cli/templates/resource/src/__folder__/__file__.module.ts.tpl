import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { {{Name}}Controller } from './{{file}}.controller{{ext}}';
import { {{Name}}Repository } from './{{file}}.repository{{ext}}';
import { {{Name}}Service } from './{{file}}.service{{ext}}';

/** The {{names}} feature: its repository, service and controller. */
@Module({
  imports: [DataModule.forFeature([{{Name}}Repository])],
  controllers: [{{Name}}Controller],
  providers: [{{Name}}Service],
})
export class {{Name}}Module {}

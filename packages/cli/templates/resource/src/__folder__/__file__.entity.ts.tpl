import { Column, CreatedDate, Entity, Id, LastModifiedDate, Version } from '@tenon/data';

/** A {{name}}, kept in the `{{table}}` table. `version` makes concurrent edits safe (409 on a stale write). */
@Entity('{{table}}')
export class {{Name}} {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 200 }) name!: string;
  @CreatedDate() createdAt!: Date;
  @LastModifiedDate() updatedAt!: Date;
  @Version() version!: number;
}

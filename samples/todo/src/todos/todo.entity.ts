import { Column, CreatedDate, Entity, Id, LastModifiedDate, Version } from '@tenon/data';

/** A thing to do. `version` makes concurrent edits safe: a stale write is refused (409). */
@Entity('todos')
export class Todo {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 200 }) title!: string;
  @Column({ default: false }) done!: boolean;
  @CreatedDate() createdAt!: Date;
  @LastModifiedDate() updatedAt!: Date;
  @Version() version!: number;
}

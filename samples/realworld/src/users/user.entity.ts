import { Column, CreatedDate, Entity, Id, LastModifiedDate } from '@tenon/data';
import { LIMITS } from '../common/validation';

/** A registered user. The password is kept only as a hash (argon2id; scrypt for accounts not logged in since). */
@Entity('users')
export class User {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: LIMITS.username, unique: true }) username!: string;
  /** Stored lower-cased, so that `Jake@Mail.com` and `jake@mail.com` are one account. */
  @Column({ length: LIMITS.email, unique: true }) email!: string;
  @Column({ type: 'text' }) passwordHash!: string;
  /** Grows when the password changes: tokens carry it, and older ones are refused. */
  @Column({ default: 0 }) tokenVersion!: number;
  @Column({ type: 'text', default: '' }) bio!: string;
  @Column({ length: LIMITS.image, default: '' }) image!: string;
  @CreatedDate() createdAt!: Date;
  @LastModifiedDate() updatedAt!: Date;
}

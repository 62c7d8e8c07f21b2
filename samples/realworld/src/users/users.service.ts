import { randomUUID } from 'node:crypto';
import { Injectable } from '@tenon/core';
import { UnauthorizedException, UnprocessableEntityException } from '@tenon/http';
import { UniqueViolationError } from '@tenon/data';
import { JwtService, PasswordHasher } from '@tenon/security';
import type { AuthUser } from '../auth/auth-user';
import { TOKEN_VERSION_CLAIM } from '../auth/token-claims';
import type { LoginUserDto, NewUserDto, UpdateUserDto, UserResponse } from './user.dto';
import type { User } from './user.entity';
import { UserRepository } from './user.repository';

/** Registration, login and the current user's account. */
@Injectable()
export class UsersService {
  // Verified when the email is unknown, so that a login takes as long whether or not the
  // account exists (no account discovery by timing). Made once, at the first such login.
  private decoyHash?: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  async register(dto: NewUserDto): Promise<UserResponse> {
    const email = dto.email.toLowerCase();
    await this.assertAvailable(email, dto.username);
    const passwordHash = await this.hasher.hash(dto.password);
    const user = await this.saveUnique(() =>
      this.users.save({ email, username: dto.username, passwordHash, bio: '', image: '' }),
    );
    return this.withToken(user);
  }

  async login(dto: LoginUserDto): Promise<UserResponse> {
    const user = await this.users.findOneByEmail(dto.email.toLowerCase());
    const stored = user?.passwordHash ?? (await (this.decoyHash ??= this.hasher.hash(randomUUID())));
    const valid = await this.hasher.verify(dto.password, stored);
    if (!user || !valid) throw new UnauthorizedException('email or password is invalid');
    // Hashes of the scrypt era (or of an older argon2id cost) are replaced at login, when the
    // password is at hand; the token version stays, so other sessions go on.
    if (this.hasher.needsRehash(user.passwordHash)) {
      const passwordHash = await this.hasher.hash(dto.password);
      await this.users.update({ id: user.id }, { passwordHash });
    }
    return this.withToken(user);
  }

  /** The caller's account, as the authentication guard looked it up for this request. */
  current(auth: AuthUser): UserResponse {
    return { user: this.view(auth.user, auth.token) };
  }

  async update(auth: AuthUser, dto: UpdateUserDto): Promise<UserResponse> {
    const user = auth.user;
    const changes: Partial<User> = {};
    if (dto.email !== undefined) changes.email = dto.email.toLowerCase();
    if (dto.username !== undefined) changes.username = dto.username;
    if (dto.bio !== undefined) changes.bio = dto.bio ?? '';
    if (dto.image !== undefined) changes.image = dto.image ?? '';
    if (dto.password !== undefined) {
      changes.passwordHash = await this.hasher.hash(dto.password);
      // Every token issued before the change stops working (the new one is returned below).
      changes.tokenVersion = user.tokenVersion + 1;
    }
    if (Object.keys(changes).length === 0) {
      throw new UnprocessableEntityException(
        'user must contain at least one of email, username, password, bio, image',
      );
    }
    await this.assertAvailable(
      changes.email !== undefined && changes.email !== user.email ? changes.email : undefined,
      changes.username !== undefined && changes.username !== user.username ? changes.username : undefined,
    );
    const saved = await this.saveUnique(() => this.users.save({ ...user, ...changes }));
    return this.withToken(saved);
  }

  private async assertAvailable(email: string | undefined, username: string | undefined): Promise<void> {
    const [emailTaken, usernameTaken] = await Promise.all([
      email === undefined ? false : this.users.existsByEmail(email),
      username === undefined ? false : this.users.existsByUsername(username),
    ]);
    const errors = [
      ...(emailTaken ? [{ property: 'email', constraints: { unique: 'email has already been taken' } }] : []),
      ...(usernameTaken
        ? [{ property: 'username', constraints: { unique: 'username has already been taken' } }]
        : []),
    ];
    if (errors.length > 0)
      throw new UnprocessableEntityException('The user cannot be saved: see errors.', { errors });
  }

  // Two registrations racing past assertAvailable: the unique index decides, and the loser gets
  // the same 422 as if the check had caught it.
  private async saveUnique(save: () => Promise<User>): Promise<User> {
    try {
      return await save();
    } catch (error) {
      if (!(error instanceof UniqueViolationError)) throw error;
      const field = error.properties?.find((p) => p === 'email' || p === 'username') ?? 'email or username';
      throw new UnprocessableEntityException('The user cannot be saved: see errors.', {
        errors: [{ property: field, constraints: { unique: `${field} has already been taken` } }],
      });
    }
  }

  private async withToken(user: User): Promise<UserResponse> {
    const token = await this.jwt.sign(
      { username: user.username, [TOKEN_VERSION_CLAIM]: user.tokenVersion },
      { subject: String(user.id) },
    );
    return { user: this.view(user, token) };
  }

  private view(user: User, token: string): UserResponse['user'] {
    return { email: user.email, token, username: user.username, bio: user.bio, image: user.image };
  }
}

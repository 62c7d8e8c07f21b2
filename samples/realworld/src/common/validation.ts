/** Shared limits of the API's input, in one place so DTOs and tests agree. */
export const LIMITS = {
  username: 64,
  email: 254,
  passwordMin: 8,
  passwordMax: 128,
  bio: 2000,
  image: 2048,
  title: 200,
  description: 1000,
  body: 100_000,
  tag: 50,
  tags: 20,
  comment: 10_000,
  pageSize: 100,
} as const;

/** Letters, digits, `_`, `.` and `-`: usernames appear in URLs (`/profiles/:username`). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** At least one non-space character. */
export const NOT_BLANK = /\S/;

/** `http(s)://…`, or empty for "no image". */
export const IMAGE_URL = /^(?:https?:\/\/\S+)?$/;

import { STATUS_CODES } from 'node:http';
import type { ProblemFieldError } from '../exceptions/http.exception';

/**
 * An RFC 9457 problem object, the body of every error response. Members are always written
 * in this order so that two paths producing the same problem produce the same bytes.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/** The media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

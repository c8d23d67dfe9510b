/** Domain errors; routes (through app.onError) alone map them to HTTP statuses. */
export type ErrorCode =
  | 'invalid_parameter'
  | 'not_found'
  | 'conflict'
  | 'precondition_required'
  | 'analysis_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'password_change_required'
  | 'totp_enrollment_required'
  | 'otp_required'
  | 'locked'
  | 'rate_limited'
  | 'busy'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'misdirected'
  | 'internal';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 421 | 422 | 423 | 428 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidParameterError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'invalid_parameter', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class AnalysisInputError extends AppError {
  constructor(message: string, details?: unknown) {
    super(422, 'analysis_input', message, details);
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** No valid session (401). */
export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录 (sign-in required)') {
    super(401, 'unauthenticated', message);
  }
}

/** Signed in, but the role or township scope does not allow it (403). */
export class ForbiddenError extends AppError {
  constructor(message = '无权执行此操作 (not allowed for your role or township)', details?: unknown) {
    super(403, 'forbidden', message, details);
  }
}

/** Too many requests or attempts; `retryAfterS` becomes the Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterS: number,
    code: 'rate_limited' | 'busy' = 'rate_limited',
  ) {
    super(429, code, message, { retryAfterS });
  }
}

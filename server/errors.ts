/** Domain errors; routes (through app.onError) alone map them to HTTP statuses. */
export type ErrorCode = 'invalid_parameter' | 'not_found' | 'conflict' | 'analysis_input' | 'internal';

export class AppError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
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

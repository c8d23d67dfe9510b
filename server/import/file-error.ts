/** A file the pipeline cannot read: always a 4xx with a message in both languages; nothing is written. */
import { AppError, type ErrorCode, type ErrorStatus } from '../errors';
import { type Bilingual, both } from './messages';

export class ImportFileError extends AppError {
  constructor(status: ErrorStatus, code: ErrorCode, message: Bilingual, details?: unknown) {
    super(status, code, both(message), details);
  }
}

export const badFile = (zh: string, en: string, details?: unknown) =>
  new ImportFileError(400, 'invalid_parameter', { zh, en }, details);
export const unsupportedFile = (zh: string, en: string) =>
  new ImportFileError(415, 'unsupported_media_type', { zh, en });

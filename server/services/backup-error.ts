/** A backup or restore that cannot go ahead: the reason in Chinese and in English (the CLIs print both). */
export class BackupError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'BackupError';
  }
}

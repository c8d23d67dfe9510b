/** A road import that cannot go ahead: the message in Chinese and in English (the CLI prints both). */
export class RoadImportError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'RoadImportError';
  }
}

/**
 * The form of a 提示函, 《消防工作预警指南》 or 《火灾案例警示教育》 (issue 15, brigade roles): kind, 主送
 * (a township or all), title (a default per kind), date, optional reply deadline and the text;
 * saving records the notice through the audited API and downloads its .docx.
 */
import { noticeDocxUrl, saveLetter } from '../../api-bulletin';
import { errorMessage } from '../../api-error';

export const letterKinds = ['reminder', 'warning_guide', 'case_warning'] as const;
export type LetterKind = (typeof letterKinds)[number];

const DEFAULT_TITLE: Record<LetterKind, string> = {
  reminder: '关于做好近期消防安全工作的提示函',
  warning_guide: '消防工作预警指南',
  case_warning: '火灾案例警示教育',
};

export class NoticeLetter {
  open = $state(false);
  kind = $state<LetterKind>('reminder');
  township = $state('');
  title = $state(DEFAULT_TITLE.reminder);
  issuedOn = $state('');
  replyBy = $state('');
  body = $state('');
  error = $state<string | undefined>(undefined);
  savedNumber = $state<string | undefined>(undefined);
  saving = $state(false);

  /** A new kind brings its default title, unless the user wrote one. */
  chooseKind(kind: LetterKind): void {
    if (Object.values(DEFAULT_TITLE).includes(this.title) || this.title.trim() === '') this.title = DEFAULT_TITLE[kind];
    this.kind = kind;
  }

  async save(): Promise<void> {
    this.error = undefined;
    this.savedNumber = undefined;
    this.saving = true;
    try {
      const saved = await saveLetter({
        kind: this.kind,
        title: this.title.trim(),
        issuedOn: this.issuedOn,
        body: this.body,
        ...(this.township ? { townshipCode: this.township } : {}),
        ...(this.replyBy ? { replyBy: this.replyBy } : {}),
      });
      this.savedNumber = saved.number;
      const a = document.createElement('a');
      a.href = noticeDocxUrl(saved.id);
      a.download = `notice-${saved.id}.docx`;
      a.click();
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.saving = false;
    }
  }
}

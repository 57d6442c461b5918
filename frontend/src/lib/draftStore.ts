// Drafts kept in this browser at every keystroke, so nothing typed is lost to a closed tab, a
// crash or a conflict; removed once the server holds the same text.
import type { Form } from "./postmortemForm";

export interface StoredDraft {
  baseVersion: number; // the server version the edits started from
  form: Form;
  savedAt: string;
}

const key = (id: string) => `hindsight:draft:${id}`;

export function loadDraft(id: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(key(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

export function storeDraft(id: string, draft: StoredDraft): boolean {
  try {
    window.localStorage.setItem(key(id), JSON.stringify(draft));
    return true;
  } catch {
    return false; // storage full or disabled: the server save still runs
  }
}

export function clearDraft(id: string) {
  try {
    window.localStorage.removeItem(key(id));
  } catch {
    /* nothing kept */
  }
}

// Autosave of the editor: every change is kept in this browser at once; the server gets a new
// version at most once a minute while typing (so versions stay meaningful), when asked, and when
// the page is left. A save is conditional on the version the edits started from (If-Match): if
// someone else saved first, the answer is a conflict and nothing is overwritten silently.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiFailure, csrfToken, failure, type Postmortem } from "../api/client";
import { clearDraft, storeDraft } from "./draftStore";
import { fingerprint, toForm, toInput, type Form } from "./postmortemForm";

export const SAVE_INTERVAL_MS = 60_000;
const SETTLE_MS = 2_000;

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "conflict"; current: Postmortem }
  | { kind: "error"; error: unknown };

export function useAutosave(id: string, initial: Postmortem, form: Form | null) {
  const [doc, setDoc] = useState<Postmortem>(initial);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: null });
  const version = useRef(initial.version ?? 1);
  const savedPrint = useRef<string | null>(null);
  const lastSave = useRef(Date.now());
  const timer = useRef<number | null>(null);
  const formRef = useRef(form);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const blocked = useRef(false); // a conflict waits for the person's choice
  formRef.current = form;

  const dirty = useCallback(
    () => !!formRef.current && fingerprint(formRef.current) !== savedPrint.current,
    [],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const current = formRef.current;
    if (!current || blocked.current) return false;
    const print = fingerprint(current);
    if (print === savedPrint.current) return true;
    const run = (async () => {
      setState({ kind: "saving" });
      lastSave.current = Date.now();
      try {
        const { data, error, response } = await api.PUT("/api/v1/postmortems/{id}", {
          params: { path: { id }, header: { "If-Match": `"${version.current}"` } },
          body: toInput(current),
        });
        if (!response.ok || !data) {
          const f = failure(response, error);
          if ((response.status === 409 || response.status === 412) && f.body?.current) {
            blocked.current = true;
            setState({ kind: "conflict", current: f.body.current });
          } else {
            setState({ kind: "error", error: f });
          }
          return false;
        }
        version.current = data.version ?? version.current + 1;
        savedPrint.current = print;
        setDoc(data);
        if (formRef.current && fingerprint(formRef.current) === print) clearDraft(id);
        else if (formRef.current)
          storeDraft(id, {
            baseVersion: version.current,
            form: formRef.current,
            savedAt: new Date().toISOString(),
          });
        setState(dirty() ? { kind: "unsaved" } : { kind: "saved", at: new Date() });
        return true;
      } catch (e) {
        setState({
          kind: "error",
          error: e instanceof ApiFailure ? e : new Error("The server could not be reached; your text is kept in this browser."),
        });
        return false;
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [id, dirty]);

  // Every change: into the browser at once, and a server save scheduled no sooner than a minute
  // after the last one.
  useEffect(() => {
    if (!form) return;
    if (savedPrint.current === null) {
      savedPrint.current = fingerprint(form);
      return;
    }
    if (!dirty()) return;
    storeDraft(id, { baseVersion: version.current, form, savedAt: new Date().toISOString() });
    if (!blocked.current) setState((s) => (s.kind === "saving" ? s : { kind: "unsaved" }));
    if (timer.current === null && !blocked.current) {
      const due = Math.max(lastSave.current + SAVE_INTERVAL_MS, Date.now() + SETTLE_MS);
      timer.current = window.setTimeout(() => {
        timer.current = null;
        void save();
      }, due - Date.now());
    }
  }, [form, id, dirty, save]);

  // Leaving: the page is hidden or closed, or the editor is left inside the application. The
  // request outlives the page (keepalive).
  useEffect(() => {
    const leave = () => {
      const current = formRef.current;
      if (!current || blocked.current || !dirty()) return;
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "If-Match": `"${version.current}"`,
      };
      const csrf = csrfToken();
      if (csrf) headers["X-CSRF-Token"] = csrf;
      savedPrint.current = fingerprint(current);
      void fetch(`/api/v1/postmortems/${encodeURIComponent(id)}`, {
        method: "PUT",
        headers,
        body: JSON.stringify(toInput(current)),
        keepalive: true,
        credentials: "same-origin",
      }).then(
        (r) => {
          if (r.ok) clearDraft(id);
        },
        () => {},
      );
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", onVisibility);
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      leave();
    };
  }, [id, dirty]);

  // The person chose after a conflict: overwrite with their text, or take the saved one.
  const resolve = useCallback(
    async (choice: "mine" | "theirs", current: Postmortem): Promise<Form | null> => {
      blocked.current = false;
      version.current = current.version ?? version.current;
      if (choice === "mine") {
        await save();
        return null;
      }
      setDoc(current);
      clearDraft(id);
      savedPrint.current = null; // the next form given is the saved one
      setState({ kind: "saved", at: null });
      return toForm(current);
    },
    [id, save],
  );

  return { doc, state, save, resolve };
}

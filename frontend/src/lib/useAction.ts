// One button's work: busy while it runs, the refusal if the server gave one, and the sentence
// that says what was done. Pages show `error` with ErrorNote and `notice` as a status.
import { useCallback, useState } from "react";

export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // `what` names the running action (a button shows its spinner when busy === what);
  // `done` is the notice on success, or a function of the result.
  const run = useCallback(
    async <T,>(what: string, work: () => Promise<T>, done?: string | ((r: T) => string)) => {
      setBusy(what);
      setError(null);
      setNotice(null);
      try {
        const result = await work();
        if (done) setNotice(typeof done === "string" ? done : done(result));
        return result;
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [],
  );

  return { run, busy, error, notice, setError };
}

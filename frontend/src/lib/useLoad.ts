// One GET a page or component shows: the data, or the error; `reload` fetches again while the
// current data stays on screen, and `setData` takes a fresher copy an action returned. An
// answer that arrives after its deps changed (or after unmounting) is dropped.
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

export function useLoad<T>(fetch: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useCallback(fetch, deps);

  const reload = useCallback(async () => {
    const mine = generation.current;
    try {
      const value = await load();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(e);
    }
  }, [load]);

  useEffect(() => {
    generation.current += 1;
    setData(null);
    setError(null);
    void reload();
    return () => {
      generation.current += 1;
    };
  }, [reload]);

  return { data, error, setData, reload };
}

// A list the server pages with next_cursor: the first page whenever `key` changes (a new search),
// then `more` appends the next one. An answer for an older key is dropped.
import { useCallback, useEffect, useRef, useState } from "react";

export interface Page<T> {
  items?: T[];
  next_cursor?: string | null;
}

export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, key: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setError(null);
    try {
      const page = await fetcher.current(null);
      if (mine !== generation.current) return;
      setItems(page.items ?? []);
      setCursor(page.next_cursor ?? null);
    } catch (e) {
      if (mine === generation.current) setError(e);
    }
  }, []);

  useEffect(() => {
    setItems(null);
    void load();
    return () => {
      generation.current += 1;
    };
  }, [key, load]);

  const more = useCallback(async () => {
    if (!cursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetcher.current(cursor);
      if (mine !== generation.current) return;
      setItems((old) => [...(old ?? []), ...(page.items ?? [])]);
      setCursor(page.next_cursor ?? null);
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [cursor]);

  return { items, setItems, error, hasMore: cursor !== null, loadingMore, more, reload: load };
}

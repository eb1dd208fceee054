import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters and pagination live in the query string so a reload, a shared link or the back button
 * shows the same page. Changing any filter returns to page 1.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();

  const get = useCallback((key: string) => params.get(key) ?? undefined, [params]);
  const getInt = useCallback(
    (key: string, fallback: number) => {
      const n = Number(params.get(key));
      return Number.isInteger(n) && n > 0 ? n : fallback;
    },
    [params],
  );

  const set = useCallback(
    (changes: Record<string, string | number | null | undefined>, opts: { keepPage?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!opts.keepPage && !('page' in changes)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  return { params, get, getInt, set };
}

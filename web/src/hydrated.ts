// False while React hydrates server-rendered HTML (and on the server), true otherwise. Whatever
// depends on the moment of rendering (a countdown's time left) renders a neutral placeholder until
// then, so the browser's first render matches the server's HTML exactly (no hydration mismatch).
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

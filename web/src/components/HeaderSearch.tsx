// The search box in the header, in its own files so the layout needs one line for it. The box
// (AutoComplete and the suggestion query) loads after the shell; until then a blank of its size
// keeps the header from shifting.
import { lazy, Suspense } from 'react';

const HeaderSearchBox = lazy(() => import('./HeaderSearchBox.js'));

export function HeaderSearch({ compact }: { compact: boolean }) {
  return (
    <Suspense fallback={<div style={{ width: compact ? 32 : 240, height: 32 }} />}>
      <HeaderSearchBox compact={compact} />
    </Suspense>
  );
}

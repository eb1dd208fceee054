// The search box in the header, in its own files so the layout needs one line for it. The box
// (AutoComplete and the suggestion query) loads after the shell; until then a blank of its size
// keeps the header from shifting. On a phone (below 768 px, the .jb-* rules in index.html) a search
// button stands in its place: both are in the markup, CSS shows one, so a server-rendered page is
// laid out for its screen before any script runs.
import { lazy, memo, Suspense } from 'react';

const HeaderSearchBox = lazy(() => import('./HeaderSearchBox.js'));

// memo: the header re-renders when it measures the screen, right after hydration; an update
// reaching this Suspense boundary before its lazy box is loaded and hydrated makes React throw the
// server's markup away and render the box anew — losing what a visitor typed into it meanwhile.
export const HeaderSearch = memo(function HeaderSearch() {
  return (
    <Suspense
      fallback={
        <>
          <div className="jb-phone-only" style={{ width: 32, height: 32 }} />
          <div className="jb-tablet-up" style={{ width: 240, height: 32 }} />
        </>
      }
    >
      <HeaderSearchBox />
    </Suspense>
  );
});

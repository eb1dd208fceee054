import type { TextSegment } from './api.js';

/**
 * Renders highlight segments as text and <mark> elements. The api sends plain text split into
 * matched and unmatched pieces, so listing text is never interpreted as HTML.
 */
export function Highlight({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} style={{ background: '#fff1b8', padding: 0, color: 'inherit' }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

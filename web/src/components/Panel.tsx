import type { CSSProperties, ReactNode } from 'react';

/**
 * A white, bordered section with an optional heading. Used on the public pages instead of antd's
 * Card, which carries its tabs feature (and the Tabs component) into every page that uses it.
 */
export function Panel({
  title,
  extra,
  children,
  style,
  bodyStyle,
  headingLevel = 2,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  bodyStyle?: CSSProperties;
  /** 1 for a page whose first panel carries the page's title (its one h1). */
  headingLevel?: 1 | 2 | 3;
}) {
  const Heading = (['h1', 'h2', 'h3'] as const)[headingLevel - 1]!;
  return (
    <section
      style={{
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        ...style,
      }}
    >
      {(title || extra) && (
        <header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 12,
            padding: '14px 20px',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Heading style={{ margin: 0, fontSize: headingLevel === 1 ? 20 : 16, fontWeight: 600 }}>{title}</Heading>
          {extra}
        </header>
      )}
      <div style={{ padding: 16, ...bodyStyle }}>{children}</div>
    </section>
  );
}

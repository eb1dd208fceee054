// The header's search box proper: suggestions (titles) while typing, Enter searches. Loaded after the
// shell (HeaderSearch.tsx), so the home page's first script does not carry AutoComplete.
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { Highlight } from '../pages/search/Highlight.js';
import { MAX_QUERY_LENGTH, type Suggestion } from '../pages/search/api.js';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export default function HeaderSearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const [text, setText] = useState('');
  // Suggestions show while typing and close when a search starts (Enter, the button) or focus leaves.
  const [open, setOpen] = useState(false);
  const typed = useDebounced(text.trim(), 200);

  // On the results page the box shows what was searched; elsewhere it starts empty.
  useEffect(() => {
    if (location.pathname === '/search') setText(new URLSearchParams(location.search).get('q') ?? '');
  }, [location.pathname, location.search]);

  // A server-rendered page is hydrated at the visitor's first interaction (main.tsx): what was typed
  // into the box before that is in the input but not in the state, which React does not overwrite
  // while hydrating. Taken over once, so it is searched for as if typed now.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const typedBefore = box.current?.querySelector('input')?.value ?? '';
    if (typedBefore) {
      setText(typedBefore);
      setOpen(true);
    }
  }, []);

  const suggestions = useQuery({
    queryKey: ['suggest', typed],
    queryFn: ({ signal }) => api.get<{ items: Suggestion[] }>('/search/suggest', { q: typed, limit: 8 }, signal),
    enabled: typed.length > 0,
    staleTime: 30_000,
  });

  const current = typed.length > 0 && typed === text.trim();

  const go = (q: string) => {
    setOpen(false);
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    navigate(`/search${params.size ? `?${params}` : ''}`);
  };

  // Both in the markup, CSS shows one (HeaderSearch.tsx): on a phone the button opens the search page.
  // The header's 64 px line height would otherwise stretch the input.
  return (
    <>
      <Button
        className="jb-phone-only"
        type="text"
        icon={<SearchOutlined />}
        aria-label="搜索项目"
        onClick={() => go('')}
      />
      <div ref={box} className="jb-tablet-up" style={{ lineHeight: 'normal' }}>
        <AutoComplete
          style={{ width: 240 }}
          // Enter searches what was typed; a suggestion is opened only when chosen (arrow keys or click).
          defaultActiveFirstOption={false}
          value={text}
          onChange={(v) => {
            setText(v);
            setOpen(true);
          }}
          // Only suggestions for what the box holds now: while the debounce runs, the cached list is for
          // the previous text, and opening it would leave a list to close behind an immediate Enter.
          open={open && current && (suggestions.data?.items.length ?? 0) > 0}
          onBlur={() => setOpen(false)}
          // Choosing a suggestion opens that listing; its value is the listing id, not text to search.
          onSelect={(id: string) => {
            setOpen(false);
            setText('');
            navigate(`/listings/${id}`);
          }}
          options={(typed && suggestions.data?.items ? suggestions.data.items : []).map((s) => ({
            value: s.id,
            label: <Highlight segments={s.highlight} />,
          }))}
        >
          <Input.Search
            aria-label="搜索项目"
            placeholder="搜索技术、成果、需求"
            maxLength={MAX_QUERY_LENGTH}
            onSearch={(v) => go(v)}
          />
        </AutoComplete>
      </div>
    </>
  );
}

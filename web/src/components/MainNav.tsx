// The main navigation. Public pages sit in the header line; a signed-in member's own pages sit under
// one "我的" menu and an operator's under "运营管理", so the line fits from 1280 px up for every role.
// Areas add their entries (LIFECYCLE_NAV, POOL_NAV) without naming a group: an entry for operators
// lands under 运营管理, one for members under 我的, one for everybody in the line itself.
import { DownOutlined } from '@ant-design/icons';
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { NavLink, useLocation } from 'react-router';
import type { Role } from '../api/types.js';
import { DOSSIER_NAV } from '../pages/dossiers/routes.js';
import { LEDGER_NAV } from '../pages/ledger/routes.js';
import { LIFECYCLE_NAV } from '../pages/lifecycle/routes.js';
import { POOL_NAV } from '../pages/pool/routes.js';
import { REMUNERATION_NAV } from '../pages/remuneration/routes.js';
import { RESEARCHER_NAV } from '../pages/researchers/routes.js';
import { RIGHTS_NAV } from '../pages/rights/routes.js';
import { SEARCH_NAV } from '../pages/search/routes.js';
import { STATS_NAV } from '../pages/stats/routes.js';

export interface NavItem {
  to: string;
  label: string;
  roles?: readonly Role[];
}

const NAV: NavItem[] = [
  { to: '/', label: '首页' },
  { to: '/demands', label: '企业找技术' },
  { to: '/supply', label: '成果找市场' },
  { to: '/my/listings', label: '我的项目', roles: ['enterprise', 'institution'] },
  { to: '/my/results', label: '我的成果', roles: ['institution'] },
  { to: '/my/organisation', label: '我的机构', roles: ['enterprise', 'institution'] },
  { to: '/operator/listings', label: '项目审核', roles: ['operator'] },
  { to: '/operator/organisations', label: '机构认证', roles: ['operator'] },
  { to: '/operator/domicile-review', label: '登记地复核', roles: ['operator'] },
  ...LIFECYCLE_NAV,
  ...POOL_NAV,
  ...LEDGER_NAV,
  ...DOSSIER_NAV,
  ...SEARCH_NAV,
  ...STATS_NAV,
  ...RESEARCHER_NAV,
  ...RIGHTS_NAV,
  ...REMUNERATION_NAV,
];

export interface NavSection {
  /** null: the header line itself. */
  group: string | null;
  items: NavItem[];
}

/** What a role sees, in order: the public line, then its own menu. */
export function navFor(role: Role | null): NavSection[] {
  const visible = NAV.filter((n) => !n.roles || (role !== null && n.roles.includes(role)));
  const own = visible.filter((n) => n.roles);
  return [
    { group: null, items: visible.filter((n) => !n.roles) },
    ...(own.length ? [{ group: role === 'operator' ? '运营管理' : '我的', items: own }] : []),
  ];
}

export const PRIMARY = '#1554ad';
const TEXT = 'rgba(0,0,0,0.88)';

function lineLinkStyle(active: boolean): CSSProperties {
  return {
    display: 'inline-block',
    padding: '0 12px',
    lineHeight: '62px',
    color: active ? PRIMARY : TEXT,
    borderBottom: `2px solid ${active ? PRIMARY : 'transparent'}`,
    fontWeight: active ? 600 : 400,
    whiteSpace: 'nowrap',
  };
}

function listLinkStyle(active: boolean): CSSProperties {
  return {
    display: 'block',
    padding: '10px 20px',
    color: active ? PRIMARY : TEXT,
    background: active ? '#e8f0fb' : undefined,
    fontWeight: active ? 600 : 400,
    whiteSpace: 'nowrap',
  };
}

function isUnder(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/**
 * A disclosure button with a list of links under it (not an ARIA menu: each entry is a plain link,
 * reached with Tab). Escape or a click elsewhere closes it; so does following a link.
 */
function NavGroup({ label, items }: { label: string; items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const active = items.some((i) => isUnder(pathname, i.to));

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  return (
    <li
      ref={root}
      style={{ position: 'relative' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        style={{
          ...lineLinkStyle(active),
          background: 'none',
          border: 'none',
          borderBottom: `2px solid ${active ? PRIMARY : 'transparent'}`,
          cursor: 'pointer',
          font: 'inherit',
          fontWeight: active ? 600 : 400,
        }}
      >
        {label} <DownOutlined aria-hidden style={{ fontSize: 10 }} />
      </button>
      <ul
        id={listId}
        hidden={!open}
        style={{
          position: 'absolute',
          top: '100%',
          right: 0,
          minWidth: 160,
          margin: 0,
          padding: '4px 0',
          listStyle: 'none',
          background: '#fff',
          borderRadius: 8,
          boxShadow: '0 6px 16px rgba(0,0,0,0.12)',
          lineHeight: 1.5,
          zIndex: 20,
        }}
      >
        {items.map((n) => (
          <li key={n.to}>
            <NavLink to={n.to} style={({ isActive }) => listLinkStyle(isActive)}>
              {n.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The header line: public links, then the role's menu. */
export function HeaderNav({ role }: { role: Role | null }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex' }}>
      {navFor(role).map((section) =>
        section.group === null ? (
          section.items.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === '/'} style={({ isActive }) => lineLinkStyle(isActive)}>
                {n.label}
              </NavLink>
            </li>
          ))
        ) : (
          <NavGroup key={section.group} label={section.group} items={section.items} />
        ),
      )}
    </ul>
  );
}

/** The phone drawer: every section open, the role's pages under their heading. */
export function DrawerNav({ role }: { role: Role | null }) {
  return (
    <>
      {navFor(role).map((section) => (
        <div key={section.group ?? 'main'}>
          {section.group && (
            <h2 style={{ fontSize: 13, color: 'rgba(0,0,0,0.62)', margin: '12px 20px 4px', fontWeight: 600 }}>
              {section.group}
            </h2>
          )}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {section.items.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.to === '/'} style={({ isActive }) => listLinkStyle(isActive)}>
                  {n.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

// What search engines read of a server-rendered public page (issue 24, "Findable"): its title,
// description and canonical URL, and schema.org structured data for listings. Built from the same
// query cache the page was rendered from, so the head always agrees with the body. Titles follow the
// ones the pages set in the browser (document.title).
import type { QueryClient } from '@tanstack/react-query';
import { LISTING_KIND_LABELS } from '../../domain/constants/listings.js';
import type { ListingDetail, ListingSummary, Page } from './api/types.js';
import { formatFen } from './format.js';

export const SITE_NAME = '辽宁揭榜挂帅';
const SITE_TITLE = '辽宁省双向揭榜挂帅科技成果交易平台';
const SITE_DESCRIPTION = '辽宁省双向揭榜挂帅科技成果交易平台：企业找技术，成果找市场。';

export interface Head {
  title: string;
  description: string;
  canonical: string;
  /** schema.org objects, each sent as one <script type="application/ld+json">. */
  jsonLd: object[];
}

/** The pages a visitor (or a crawler) gets rendered on the server; every other path gets the app shell. */
const PUBLIC_PAGES: RegExp[] = [
  /^\/$/,
  /^\/(demands|supply)$/,
  /^\/listings\/[0-9a-f-]{36}$/,
  /^\/search$/,
  /^\/notices$/,
  /^\/pool$/,
  /^\/pool\/editions$/,
  /^\/pool\/editions\/\d+$/,
  /^\/pool\/results\/[0-9a-f-]{36}$/,
  /^\/institutions\/[0-9a-f-]{36}\/disclosure$/,
];

export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.some((p) => p.test(pathname));
}

/** The query whose 404 makes the whole page a 404 (a detail page whose subject does not exist). */
export function mainQueryKey(pathname: string): readonly unknown[] | null {
  const listing = /^\/listings\/([0-9a-f-]{36})$/.exec(pathname);
  if (listing) return ['listing', listing[1]];
  const pool = /^\/pool\/results\/([0-9a-f-]{36})$/.exec(pathname);
  if (pool) return ['pool-item', pool[1]];
  const edition = /^\/pool\/editions\/(\d+)$/.exec(pathname);
  if (edition) return ['pool', 'edition', Number(edition[1])];
  return null;
}

/** Query parameters that make a different page (the rest are filters: one canonical URL per list page). */
const CANONICAL_PARAMS = ['q', 'page'];

function canonicalOf(url: URL, base: string): string {
  const params = new URLSearchParams();
  for (const name of CANONICAL_PARAMS) {
    const value = url.searchParams.get(name);
    if (value && !(name === 'page' && value === '1')) params.set(name, value);
  }
  const query = params.toString();
  return `${base.replace(/\/$/, '')}${url.pathname}${query ? `?${query}` : ''}`;
}

const clip = (text: string, max = 150) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Yuan as schema.org wants a price: a plain decimal number. */
const yuan = (fen: number) => (fen / 100).toFixed(2);

function listingJsonLd(l: ListingDetail, url: string): object {
  const organisation = { '@type': 'Organization', name: l.organisation.name };
  if (l.kind === 'demand') {
    // schema.org Demand: an organisation's public announcement that it seeks something.
    return {
      '@context': 'https://schema.org',
      '@type': 'Demand',
      name: l.title,
      description: l.summary,
      url,
      seller: organisation,
      ...(l.priceFen !== null ? { price: yuan(l.priceFen), priceCurrency: 'CNY' } : {}),
      ...(l.deadline ? { availabilityEnds: l.deadline } : {}),
    };
  }
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: l.title,
    description: l.summary,
    url,
    brand: organisation,
    offers: {
      '@type': 'Offer',
      url,
      seller: organisation,
      ...(l.priceFen !== null ? { price: yuan(l.priceFen), priceCurrency: 'CNY' } : {}),
    },
  };
}

function itemListJsonLd(items: ListingSummary[], base: string): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    itemListElement: items.map((l, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      url: `${base.replace(/\/$/, '')}/listings/${l.id}`,
      name: l.title,
    })),
  };
}

/** The first cached listing page (the browse list the page shows). */
function shownList(queryClient: QueryClient): ListingSummary[] {
  const lists = queryClient.getQueriesData<Page<ListingSummary>>({ queryKey: ['listings'] });
  const largest = lists.map(([, d]) => d?.items ?? []).sort((a, b) => b.length - a.length)[0];
  return largest ?? [];
}

export function headFor(url: URL, queryClient: QueryClient, base: string): Head {
  const canonical = canonicalOf(url, base);
  const titled = (title: string, description: string, jsonLd: object[] = []): Head => ({
    title: `${title} - ${SITE_NAME}`,
    description: clip(description),
    canonical,
    jsonLd,
  });
  const path = url.pathname;

  const listingKey = mainQueryKey(path);
  if (listingKey?.[0] === 'listing') {
    const l = queryClient.getQueryData<ListingDetail>(listingKey);
    if (l) {
      const price = l.kind === 'demand' ? formatFen(l.priceFen, '面议') : formatFen(l.priceFen);
      return titled(l.title, `${LISTING_KIND_LABELS[l.kind]} · ${l.organisation.name} · ${price}。${l.summary}`, [
        listingJsonLd(l, canonical),
      ]);
    }
  }
  if (path === '/demands' || path === '/supply') {
    const kind = path === '/demands' ? 'demand' : 'supply';
    return titled(
      LISTING_KIND_LABELS[kind],
      kind === 'demand'
        ? '辽宁企业发布的技术需求（发榜），高校、科研院所和医疗卫生机构可在揭榜截止前提交揭榜方案。'
        : '辽宁高校、科研院所和医疗卫生机构的职务科技成果，可协议定价、挂牌交易或拍卖，转让、许可或作价投资。',
      [itemListJsonLd(shownList(queryClient), base)],
    );
  }
  if (path === '/search') {
    const q = url.searchParams.get('q');
    return titled(q ? `${q} - 搜索` : '搜索', `在辽宁揭榜挂帅平台搜索企业需求和科技成果${q ? `：${q}` : ''}。`);
  }
  if (path === '/notices') return titled('公示栏', '揭榜挂帅平台的成交公示、异议期和处理结果。');
  if (path === '/pool') {
    return titled('先用后付成果池', '可先使用后付费的职务科技成果：中小微企业先试用，产生收益后再付费。');
  }
  if (path === '/pool/editions') return titled('成果池发布', '先用后付成果池的历次发布。');
  const edition = /^\/pool\/editions\/(\d+)$/.exec(path);
  if (edition) return titled(`成果池第${edition[1]}期`, `先用后付成果池第${edition[1]}期发布的成果。`);
  const poolItem = queryClient.getQueryData<{ title?: string; summary?: string }>(['pool-item', path.split('/')[3]]);
  if (poolItem?.title) return titled(poolItem.title, poolItem.summary ?? '先用后付成果池中的职务科技成果。');
  if (/\/disclosure$/.test(path)) {
    const data = queryClient.getQueriesData<{ organisation?: { name?: string } }>({ queryKey: ['disclosure'] });
    const name = data.map(([, d]) => d?.organisation?.name).find(Boolean);
    return titled(`${name ? `${name} ` : ''}本单位公示`, `${name ?? '科研单位'}职务科技成果转化的本单位公示。`);
  }
  return { title: SITE_TITLE, description: SITE_DESCRIPTION, canonical, jsonLd: [] };
}

// robots.txt and the sitemap (issue 24, "Findable"). The sitemap is an index of pages: the public
// pages that do not depend on data, then the public listings, SITEMAP_PAGE_SIZE a page (the
// protocol allows 50,000 per file; smaller pages keep each answer cheap). A listing is in it exactly
// when the public browse would show it: a public status, and no 涉密 result (措施十五).
import { and, asc, count, inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { PUBLIC_LISTING_STATUSES } from '../../domain/constants/listings.js';
import type { DbOrTx } from '../../db/client.js';
import { listings } from '../../db/schema/index.js';
import { notClassified } from '../listings/reads.js';

export const SITEMAP_PAGE_SIZE = 5_000;

/** Pages worth a crawler's visit whatever the data (listings come from the database). */
const FIXED_PAGES = ['/', '/demands', '/supply', '/notices', '/pool', '/pool/editions'];

/** Members' and operators' pages and the api: nothing there for a crawler. */
const DISALLOWED = ['/api/', '/my/', '/operator/', '/account/', '/notifications', '/login', '/register', '/docs'];

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const publicListing = () => and(inArray(listings.status, [...PUBLIC_LISTING_STATUSES]), notClassified);

export async function publicListingCount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(listings).where(publicListing());
  return row?.n ?? 0;
}

export async function publicListingPage(db: DbOrTx, page: number): Promise<Array<{ id: string; updatedAt: Date }>> {
  return db
    .select({ id: listings.id, updatedAt: listings.updatedAt })
    .from(listings)
    .where(publicListing())
    .orderBy(asc(listings.id))
    .limit(SITEMAP_PAGE_SIZE)
    .offset((page - 1) * SITEMAP_PAGE_SIZE);
}

function urlset(entries: Array<{ loc: string; lastmod?: Date }>): string {
  const urls = entries.map(
    (e) =>
      `  <url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

const seoRoutes: FastifyPluginAsync<{ publicUrl: string }> = async (app, opts) => {
  const base = opts.publicUrl.replace(/\/$/, '');
  const db = app.services.db;
  const xml = 'application/xml; charset=utf-8';
  // Crawlers come back daily at most; an hour's staleness is nothing to them.
  const cacheControl = 'public, max-age=3600';

  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) => {
    const lines = [
      'User-agent: *',
      'Allow: /',
      ...DISALLOWED.map((p) => `Disallow: ${p}`),
      '',
      `Sitemap: ${base}/sitemap.xml`,
    ];
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', cacheControl)
      .send(`${lines.join('\n')}\n`);
  });

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_request, reply) => {
    const pages = Math.max(1, Math.ceil((await publicListingCount(db)) / SITEMAP_PAGE_SIZE));
    const maps = [`${base}/sitemap-pages.xml`];
    for (let p = 1; p <= pages; p++) maps.push(`${base}/sitemap-listings.xml?page=${p}`);
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
      maps.map((loc) => `  <sitemap><loc>${xmlEscape(loc)}</loc></sitemap>`).join('\n') +
      `\n</sitemapindex>\n`;
    return reply.type(xml).header('cache-control', cacheControl).send(body);
  });

  app.get('/sitemap-pages.xml', { schema: { hide: true } }, async (_request, reply) => {
    return reply
      .type(xml)
      .header('cache-control', cacheControl)
      .send(urlset(FIXED_PAGES.map((p) => ({ loc: `${base}${p}` }))));
  });

  app.get<{ Querystring: { page?: number } }>(
    '/sitemap-listings.xml',
    {
      schema: {
        // Not the api: for crawlers, outside the OpenAPI document.
        hide: true,
        querystring: Type.Object(
          { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const rows = await publicListingPage(db, request.query.page ?? 1);
      return reply
        .type(xml)
        .header('cache-control', cacheControl)
        .send(urlset(rows.map((r) => ({ loc: `${base}/listings/${r.id}`, lastmod: r.updatedAt }))));
    },
  );
};

export default seoRoutes;

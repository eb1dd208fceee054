// `npm run search:reindex`: rebuilds the whole search index of the configured engine from PostgreSQL
// (after switching engines, or to be sure). Searches keep being answered from the old index until
// the new one is swapped in. A progress bar on a terminal; one line per 10% otherwise (CI, logs).
import { createDatabase } from '../db/client.js';
import { countPublicListings, createSearchEngine, reindexAll } from '../search/index.js';
import { ConfigError, loadConfig } from '../platform/config.js';

function progress(total: number, out: NodeJS.WriteStream) {
  const started = Date.now();
  let done = 0;
  let lastDecile = -1;
  const width = 30;
  return {
    add(n: number) {
      done += n;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      if (out.isTTY) {
        const filled = Math.round(ratio * width);
        out.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${(ratio * 100).toFixed(0)}% ${rate.toFixed(0)} 条/秒 `,
        );
      } else {
        const decile = Math.floor(ratio * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          out.write(`${done}/${total} (${decile * 10}%)\n`);
        }
      }
    },
    end() {
      if (out.isTTY) out.write('\n');
    },
  };
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = createDatabase(config.databaseUrl);
  const engine = createSearchEngine(config, database.db);
  try {
    await engine.init();
    const total = await countPublicListings(database.db);
    console.log(`重建搜索索引（${engine.name}）：${total} 个公开项目`);
    const bar = progress(total, process.stdout);
    const started = Date.now();
    const stats = await reindexAll(database.db, engine, (n) => bar.add(n));
    bar.end();
    console.log(
      `完成：索引 ${stats.indexed} 个，移除 ${stats.removed} 个，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒` +
        (total > stats.indexed ? `（${total - stats.indexed} 个涉密成果不进入公开检索）` : ''),
    );
  } finally {
    await engine.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error('重建搜索索引失败:', err instanceof Error ? err.message : err);
  process.exit(1);
});

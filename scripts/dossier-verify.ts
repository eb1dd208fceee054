// npm run dossier:verify <file.zip>: checks a dossier offline (platform/dossier/verify.ts) and names
// every file that changed. Exits 0 when the dossier is intact, 1 when it is not, 2 on bad usage.
import { stat } from 'node:fs/promises';
import { describeReport, verifyDossier } from '../platform/dossier/verify.js';

const path = process.argv[2];
if (!path) {
  console.error('用法：npm run dossier:verify <档案.zip>');
  process.exit(2);
}
const started = process.hrtime.bigint();
const report = await verifyDossier(path);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
for (const line of describeReport(report)) console.log(line);
const mb = (await stat(path)).size / 1e6;
console.log(
  `校验 ${mb.toFixed(1)} MB，用时 ${seconds.toFixed(2)} 秒（${(mb / Math.max(seconds, 1e-6)).toFixed(1)} MB/s）`,
);
process.exit(report.ok ? 0 : 1);

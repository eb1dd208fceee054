// The department's one-file archive (issue 19 item 4: "a department downloads all its institutions'
// reports in one archive"): for a year, every submitted or accepted 科技成果转化情况年度报告 of the
// institutions the viewer oversees, as the PDF and the XLSX each institution's own download gives, in
// one ZIP with a list (清单.csv) of every overseen institution and where its report stands. Built
// like the dossier export (server/dossiers/export.ts): yazl, entries opened lazily one after another,
// so only one report is rendered at a time however many institutions a department oversees.
import { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { ANNUAL_REPORT_STATUS_LABELS } from '../../domain/statistics/annual-report.js';
import type { DbOrTx } from '../../db/client.js';
import { csvField } from '../../platform/exports.js';
import { archive, readReport } from './annual-report.js';
import { reportPdf, reportXlsx, shanghaiTime } from './annual-report-files.js';

export interface ReportArchiveStream {
  stream: Readable;
  filename: string;
  /** The institutions whose reports are in it. */
  institutions: { id: string; name: string }[];
}

/** A name safe as one ZIP path segment: no separators, control characters or leading dots. */
export function pathSegment(name: string): string {
  const s = name
    .replace(/[\p{Cc}/\\:*?"<>|]+/gu, '_')
    .replace(/^\.+/, '_')
    .trim();
  return s.slice(0, 100) || '_';
}

export const reportFileName = (institution: string, year: number, ext: 'pdf' | 'xlsx') =>
  `${pathSegment(institution)}${year}年度科技成果转化情况年度报告.${ext}`;

export async function reportArchive(db: DbOrTx, actor: Actor, year: number, now: Date): Promise<ReportArchiveStream> {
  // The archive list applies the viewer's scope (a supervisory department: the institutions linked
  // to it; the provincial department and operators: all institutions).
  const entries = await archive(db, actor, year);
  const sent = entries.filter((e) => e.status === 'submitted' || e.status === 'accepted');
  if (sent.length === 0) throw new AppError('ANNUAL_REPORT_ARCHIVE_EMPTY');

  const zip = new ZipFile();
  // Stored, not deflated: the PDF and XLSX are compressed already.
  const opts = { compress: false, mtime: now };
  const fail = (err: unknown) => (zip.outputStream as Readable).destroy(err as Error);
  const used = new Set<string>();
  const folderOf = (e: (typeof sent)[number]) => {
    // Two institutions of one name would share a folder: the second gets its id's head.
    let folder = pathSegment(e.institution.name);
    if (used.has(folder)) folder = `${folder}-${e.institution.id.slice(0, 8)}`;
    used.add(folder);
    return folder;
  };

  const listRows = [['单位', '状态', '报送时间', '接收时间', '文件'].map(csvField).join(',')];
  for (const e of sent) {
    const folder = folderOf(e);
    const pdfPath = `${folder}/${reportFileName(e.institution.name, year, 'pdf')}`;
    const xlsxPath = `${folder}/${reportFileName(e.institution.name, year, 'xlsx')}`;
    // Read once, rendered twice: both files carry the figures the report was submitted with.
    let view: ReturnType<typeof readReport> | undefined;
    const read = () => (view ??= readReport(db, actor, e.institution.id, year));
    const lazy = (path: string, open: () => Promise<Readable>) =>
      zip.addReadStreamLazy(path, opts, (cb) => {
        open().then(
          (source) => {
            source.on('error', fail);
            cb(null, source);
          },
          (err: unknown) => {
            cb(err as Error, new PassThrough());
            fail(err);
          },
        );
      });
    lazy(pdfPath, async () => reportPdf(await read()));
    lazy(xlsxPath, async () => reportXlsx(await read()));
    listRows.push(
      [
        e.institution.name,
        ANNUAL_REPORT_STATUS_LABELS[e.status as 'submitted' | 'accepted'],
        shanghaiTime(e.submittedAt),
        e.decidedAt ? shanghaiTime(e.decidedAt) : '',
        `${pdfPath}；${xlsxPath}`,
      ]
        .map(csvField)
        .join(','),
    );
  }
  for (const e of entries.filter((x) => !sent.includes(x))) {
    listRows.push(
      [e.institution.name, e.status === 'none' ? '未开始' : ANNUAL_REPORT_STATUS_LABELS[e.status], '', '', '未报送']
        .map(csvField)
        .join(','),
    );
  }
  // UTF-8 with BOM and CRLF, as the shared export helper writes CSV, so Excel opens it.
  zip.addBuffer(Buffer.from('\ufeff' + listRows.join('\r\n') + '\r\n', 'utf8'), '清单.csv', opts);
  zip.end();
  return {
    stream: zip.outputStream as Readable,
    filename: `${year}年度科技成果转化情况年度报告汇总.zip`,
    institutions: sent.map((e) => e.institution),
  };
}

// 措施十四: the dossier's PDF summary — the timeline of decisions and platform events, in Chinese,
// written page by page (platform/pdf StreamedPdf) from the pages the export reads.
import { DECISION_TYPE_TEXT, type DecisionType } from '../../domain/constants/dossiers.js';
import type { StreamedPdf } from '../../platform/pdf/index.js';

export interface TimelineDecision {
  d: {
    createdAt: Date;
    decisionType: DecisionType;
    summary: string;
    decidedByRole: string;
    decisionBody: string;
    meetingDate: string | null;
    procedure: string;
    basis: string;
    documentIds: string[];
    correctsId: string | null;
  };
  deciderName: string | null;
}

export interface TimelineEvent {
  createdAt: Date;
  action: string;
  beforeStatus: string | null;
  afterStatus: string | null;
  actorName: string | null;
  reason: string | null;
}

const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function writeSummary(
  pdf: StreamedPdf,
  title: string,
  createdAt: Date,
  decisions: AsyncIterable<TimelineDecision[]>,
  events: AsyncIterable<TimelineEvent[]>,
): Promise<void> {
  await pdf.heading(title, 15);
  await pdf.text(`生成时间：${shanghai(createdAt)}（北京时间）`, { size: 9, color: '#555555' });
  await pdf.text(
    '本档案依据《辽宁省科技成果转化“双向揭榜挂帅”若干措施》措施十四整理：记录每项决策的决策人及职务、决策机构与会议日期、履行的程序、决策依据和相关文件，以及平台记录的相关事件。档案内每个文件的 SHA-256 列于 manifest.json，清单本身的哈希记于 manifest.sha256，可用 npm run dossier:verify 或平台的“档案校验”离线核验。',
    { size: 9, gapAfter: 0.8 },
  );
  await pdf.heading('一、决策记录', 12);
  let n = 0;
  for await (const page of decisions) {
    for (const { d, deciderName } of page) {
      n += 1;
      await pdf.text(`${n}. ${shanghai(d.createdAt)}  ${DECISION_TYPE_TEXT[d.decisionType]}：${d.summary}`, {
        bold: true,
        size: 9.5,
      });
      const lines = [
        `决策人：${deciderName ?? '系统'}（${d.decidedByRole}）${d.decisionBody ? `；决策机构：${d.decisionBody}` : ''}${d.meetingDate ? `；会议日期：${d.meetingDate}` : ''}`,
        d.procedure ? `履行程序：${d.procedure}` : null,
        `决策依据：${d.basis}`,
        d.documentIds.length > 0 ? `相关文件：${d.documentIds.length} 份（documents/ 目录，见 records.json）` : null,
        d.correctsId ? `更正记录：本条更正 ${d.correctsId}` : null,
      ].filter((l): l is string => l !== null);
      await pdf.text(lines.join('\n'), { size: 8.5, indent: 12, gapAfter: 0.3 });
    }
  }
  if (n === 0) await pdf.text('（本范围内没有决策记录）', { size: 9 });
  await pdf.heading('二、平台事件', 12);
  let m = 0;
  for await (const page of events) {
    for (const e of page) {
      m += 1;
      const status = e.beforeStatus || e.afterStatus ? `（${e.beforeStatus ?? '—'} → ${e.afterStatus ?? '—'}）` : '';
      await pdf.text(
        `${shanghai(e.createdAt)}  ${e.action}${status}  ${e.actorName ?? '系统'}${e.reason ? `：${e.reason}` : ''}`,
        {
          size: 8,
        },
      );
    }
  }
  if (m === 0) await pdf.text('（本范围内没有平台事件）', { size: 9 });
}

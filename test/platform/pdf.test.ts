import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import { describe, expect, it, vi } from 'vitest';
import { parseFontSpec, PdfFontMissingError, renderPdfBuffer, StreamedPdf } from '../../platform/pdf/index.js';
import { embeddedFontNames, pdfText } from '../helpers/pdf-text.js';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('renderPdf (pdfmake)', () => {
  it('embeds a subset of the Chinese font and the text can be extracted', async () => {
    const pdf = await renderPdfBuffer({
      info: { title: '尽职免责档案' },
      content: [
        { text: '尽职免责档案摘要', bold: true, fontSize: 16 },
        { text: '北辰工业大学 · 定价决策：协议定价 ¥1,200,000.00' },
        {
          table: {
            body: [
              ['决策机构', '院长办公会'],
              ['依据', '措施十四：勤勉尽责'],
            ],
          },
        },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(text).toContain('尽职免责档案摘要');
    expect(text).toContain('北辰工业大学');
    expect(text).toContain('院长办公会');
    expect(text).toContain('措施十四：勤勉尽责');
    // Both faces embedded as subsets (the 6-letter tag), not the 20 MB collections.
    const fonts = embeddedFontNames(pdf);
    expect(fonts.some((f) => f.endsWith('NotoSansCJKsc-Regular'))).toBe(true);
    expect(fonts.some((f) => f.endsWith('NotoSansCJKsc-Bold'))).toBe(true);
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('names the missing font file instead of writing a broken PDF', async () => {
    const missing = { path: '/nonexistent/font.ttc', face: 'X' };
    await expect(renderPdfBuffer({ content: ['x'] }, { regular: missing, bold: missing })).rejects.toThrow(
      PdfFontMissingError,
    );
    await expect(renderPdfBuffer({ content: ['x'] }, { regular: missing, bold: missing })).rejects.toThrow(
      /fonts-noto-cjk/,
    );
  });
});

describe('StreamedPdf (pdfkit, page by page)', () => {
  it('writes a multi-page timeline whose every entry is extractable', async () => {
    const pdf = new StreamedPdf({ title: '时间线' });
    const out = new PassThrough();
    pdf.stream.pipe(out);
    const bytes = collect(out);
    await pdf.heading('决策与事件时间线');
    for (let i = 0; i < 120; i++) {
      await pdf.text(`第${i}条 2026-03-01 定价决策：挂牌交易，依据评估报告`, { bold: i % 2 === 0 });
      pdf.rule();
    }
    await pdf.end();
    const buf = await bytes;
    const { text, pages } = await pdfText(buf);
    expect(pages).toBe(pdf.pages);
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain('决策与事件时间线');
    expect(text).toContain('第0条 2026-03-01 定价决策：挂牌交易，依据评估报告');
    expect(text).toContain('第119条');
    // One face embedded (bold is drawn from it): a second 20 MB collection is never read.
    expect(embeddedFontNames(buf).filter((f) => f.includes('NotoSansCJK'))).toEqual([
      expect.stringMatching(/NotoSansCJKsc-Regular$/),
    ]);
  });
});

describe('StreamedPdf glyph runs (platform/pdf/runs.ts)', () => {
  // Paragraphs of every shape the timeline writes, and some it might: Chinese with its punctuation,
  // Latin words, digits and URLs, newlines (empty lines, CRLF), spaces and tabs, characters outside
  // the BMP; a word wider than the line and a soft hyphen, which only pdfkit's path handles.
  const paragraphs = [
    '决策与事件时间线',
    '1. 2026-03-01 09:30  定价决策：以协议定价方式转化，价格不低于评估值，并在本单位公示',
    '决策人：基准经办人（成果转化办公室主任）；决策机构：院长办公会；会议日期：2026-03-02\n履行程序：成果转化办公室提出方案，院长办公会审议通过。\n决策依据：措施四：协议定价并公示；评估报告作为参考。\n相关文件：3 份（documents/ 目录，见 records.json）',
    'Long Latin words and numbers 1234567890 with spaces, hyphen-ated words and a URL https://example.com/path?x=1&y=2',
    '（括号）“引号”、顿号。句号！感叹号？——破折号……省略号《书名号》',
    'a\n\nb\r\nc\n',
    '  leading and trailing spaces  ',
    'tabs\tinside\ttext',
    '𠀀 outside the BMP 😀 and Ⅳ',
    'x'.repeat(150),
    '软\u00adhyphen 文本',
  ];

  async function render(glyphRuns: boolean): Promise<Buffer> {
    const pdf = new StreamedPdf({ title: '时间线', glyphRuns });
    const out = new PassThrough();
    pdf.stream.pipe(out);
    const bytes = collect(out);
    for (let i = 0; i < 300; i++) {
      const text = paragraphs[i % paragraphs.length]!;
      await pdf.text(text, { bold: i % 5 === 0, size: [8, 8.5, 9.5, 12][i % 4], indent: i % 3 === 0 ? 12 : 0 });
      if (i % 7 === 0) pdf.rule();
    }
    await pdf.end();
    // The creation date and the file ID (a hash that includes it) are the only differences allowed.
    const raw = (await bytes).toString('latin1');
    const fixed = raw
      .replace(/\(D:\d{14}Z\)/g, '(D:00000000000000Z)')
      .replace(/\/ID \[[^\]]*\]/, (id) => `/ID [${id.slice(5, -1).replace(/[0-9a-f]/gi, '0')}]`);
    return Buffer.from(fixed, 'latin1');
  }

  it('writes the same bytes as pdfkit’s own text layout, through pdfkit only where it must', async () => {
    const text = vi.spyOn(PDFDocument.prototype, 'text');
    try {
      const reference = await render(false);
      const viaPdfkit = text.mock.calls.length;
      text.mockClear();
      const direct = await render(true);
      expect(viaPdfkit).toBe(300);
      // Only the over-wide word and the soft hyphen went through pdfkit's text().
      expect(text.mock.calls.map((c) => c[0])).toEqual(
        Array.from({ length: 300 }, (_, i) => paragraphs[i % paragraphs.length]!).filter(
          (p) => p.startsWith('xxx') || p.includes('\u00ad'),
        ),
      );
      expect((await pdfText(direct)).pages).toBeGreaterThan(5);
      expect(direct.equals(reference)).toBe(true);
    } finally {
      text.mockRestore();
    }
  });
});

describe('StreamedPdf tables', () => {
  it('writes a table across pages, repeating its header row on each, every cell extractable', async () => {
    const pdf = new StreamedPdf({ title: '表格' });
    const out = new PassThrough();
    pdf.stream.pipe(out);
    const bytes = collect(out);
    await pdf.heading('按所属领域');
    await pdf.table({
      columns: [
        { header: '所属领域', weight: 2 },
        { header: '项数', weight: 1, align: 'right' },
        { header: '合同金额（元）', weight: 1.5, align: 'right' },
      ],
      rows: [
        ...Array.from({ length: 90 }, (_, i) => ({ cells: [`领域${i} 新材料与先进制造`, String(i), `${i},000.00`] })),
        { cells: ['合计', '4005', '4,005,000.00'], bold: true },
      ],
    });
    await pdf.text('表后文字');
    await pdf.end();
    const { text, pages } = await pdfText(await bytes);
    expect(pages).toBeGreaterThan(1);
    expect(text.split('合同金额（元）').length - 1).toBe(pages);
    expect(text).toContain('领域0 新材料与先进制造');
    expect(text).toContain('领域89 新材料与先进制造 89 89,000.00');
    expect(text).toContain('合计 4005 4,005,000.00表后文字');
  });
});

describe('parseFontSpec', () => {
  it.each([
    ['/f/a.ttf', { path: '/f/a.ttf' }],
    [
      '/f/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
      { path: '/f/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    ],
    ['#x', { path: '#x' }],
  ])('%s', (spec, expected) => {
    expect(parseFontSpec(spec)).toEqual(expected);
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
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

// A PDF written as it goes (pdfkit underneath pdfmake): each finished page leaves memory, so a
// timeline of ten thousand entries costs what one page costs. The caller awaits `write*` so that a
// slow reader (a ZIP entry, an HTTP response) holds the writer back instead of filling memory.
//
// One face only, read from its collection by offset with its outlines loaded at the end, only for the
// glyphs embedded (fonts.ts loadFontFace): fontkit would read the whole .ttc (Noto Sans CJK: ~20 MB),
// and the bold face was ~30 MB more of a dossier export's peak RSS (bench/dossier.ts, 2026-12-06).
// Bold is the regular face filled and stroked (text rendering mode 2) — a heavier stroke of the same
// glyphs, extractable like any text.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import {
  assertFontsReadable,
  DEFAULT_PDF_FONTS,
  loadFontFace,
  type FontFace,
  type PdfFontFile,
  type PdfFonts,
} from './fonts.js';
import { GlyphRuns, type EmbeddedFontInternals, type FontkitGlyph } from './runs.js';

const REGULAR = 'regular';
/** Stroke width of the drawn bold, as a share of the font size. */
const BOLD_STROKE = 0.035;
/** Bytes the reader may lag behind before the writer waits for it. */
const HIGH_WATER = 1 << 20;

export interface StreamedPdfOptions {
  title: string;
  author?: string;
  fonts?: PdfFonts;
  /**
   * false: every paragraph through pdfkit's own text() (LineWrapper), the reference that the direct
   * glyph runs (runs.ts) are held to byte for byte in test/platform/pdf.test.ts.
   */
  glyphRuns?: boolean;
}

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  /** Indentation in points from the left margin. */
  indent?: number;
  align?: 'left' | 'center' | 'right';
  gapAfter?: number;
}

/** The face alone, read by offset from its collection (fonts.ts loadFontFace), not the whole .ttc. */
function register(doc: PDFKit.PDFDocument, name: string, f: PdfFontFile): FontFace {
  const face = loadFontFace(f);
  doc.registerFont(name, face.data);
  return face;
}

/**
 * The face's outlines are read only for the glyphs the subset embeds (fonts.ts): pdfkit embeds the
 * font at the document's end (EmbeddedFont.embed, pdfkit 0.19), and fontkit's CFF subset reads each
 * used glyph's CharString at its offset in the face; read those ranges first.
 */
function outlinesOnEmbed(doc: PDFKit.PDFDocument, face: FontFace): void {
  const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  const embed = embedded.embed.bind(embedded);
  embedded.embed = () => {
    const charStrings = embedded.subset.cff?.topDict.CharStrings;
    if (charStrings) {
      for (const gid of embedded.subset.glyphs) {
        const c = charStrings[gid];
        if (c) face.load(c.offset, c.offset + c.length);
      }
    }
    embed();
  };
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/**
 * Lay text out glyph by glyph from the font's cmap, each character's glyph and advance looked up once
 * per document, instead of running fontkit's OpenType shaping (GSUB/GPOS over the whole CJK font) for
 * every word the line breaker measures and every line it writes — that shaping was ~6 ms of CPU per
 * timeline entry. Chinese text needs no shaping (no ligatures, no contextual forms in horizontal
 * text); what is lost is Latin kerning, invisible at these sizes. Glyphs still go into the subset
 * with their Unicode values, so the text stays extractable and only the used glyphs are embedded.
 * `features` (none of our calls pass any) still take fontkit's path.
 */
function directLayout(doc: PDFKit.PDFDocument, runs: GlyphRuns): void {
  const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  const shaped = embedded.layout.bind(embedded);
  const glyphOf = (cp: number): FontkitGlyph => runs.glyph(cp);
  embedded.layout = (text: string, features?: unknown, onlyWidth?: boolean) => {
    if (features) return shaped(text, features, onlyWidth);
    let advanceWidth = 0;
    if (onlyWidth) {
      for (const ch of text) advanceWidth += glyphOf(ch.codePointAt(0)!).advanceWidth;
      return { glyphs: null, positions: null, advanceWidth: advanceWidth * embedded.scale };
    }
    const out: FontkitGlyph[] = [];
    const positions: Position[] = [];
    for (const ch of text) {
      const g = glyphOf(ch.codePointAt(0)!);
      const w = g.advanceWidth * embedded.scale;
      out.push(g);
      positions.push({ xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w });
      advanceWidth += w;
    }
    return { glyphs: out, positions, advanceWidth };
  };
}

/**
 * Hand the reader compact chunks. pdfkit deflates each page's content with zlib.deflateSync, whose
 * result is a slice of a 16 KB output buffer although a timeline page compresses to ~1.6 KB; queued in
 * the stream those buffers outlive the young generation and wait for a major GC — ~17 MB of external
 * memory over 900 pages (bench/dossier.ts). Copying a slice that holds a mostly unused buffer lets the
 * big one die at once. (pdfkit 0.19's PDFDocument._write: every byte of the file passes through it.)
 */
function compactWrites(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as { _write(data: unknown): void };
  const write = internals._write.bind(doc);
  internals._write = (data: unknown) =>
    write(Buffer.isBuffer(data) && data.buffer.byteLength > 2 * data.length + 4096 ? Buffer.from(data) : data);
}

export interface PdfTable {
  columns: readonly { header: string; weight: number; align?: 'left' | 'center' | 'right' }[];
  rows: readonly { cells: readonly string[]; bold?: boolean }[];
  size?: number;
  gapAfter?: number;
}

const HEADER_FILL = '#eeeeee';

export class StreamedPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly runs: GlyphRuns;
  private readonly direct: boolean;
  private pageNo = 1;

  constructor(options: StreamedPdfOptions) {
    const fonts = options.fonts ?? DEFAULT_PDF_FONTS;
    assertFontsReadable(fonts);
    // fontLayoutCache off: pdfkit would otherwise keep the shaping of every distinct line for the
    // life of the document, which is what grows with a long timeline.
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
      fontLayoutCache: false,
      info: { Title: options.title, Author: options.author ?? '', Creator: 'jiebang' },
    });
    compactWrites(this.doc);
    const face = register(this.doc, REGULAR, fonts.regular);
    this.runs = new GlyphRuns(this.doc);
    this.direct = options.glyphRuns ?? true;
    // The face is opened now and gets the cmap-only layout (directLayout) before any text.
    directLayout(this.doc.font(REGULAR), this.runs);
    outlinesOnEmbed(this.doc, face);
    this.doc.on('pageAdded', () => {
      this.pageNo += 1;
    });
  }

  /** The PDF bytes; read (pipe) it while writing. */
  get stream(): Readable {
    return this.doc as unknown as Readable;
  }

  get pages(): number {
    return this.pageNo;
  }

  /** One paragraph, wrapped to the page width, breaking to a new page when full. */
  async text(text: string, style: TextStyle = {}): Promise<void> {
    const indent = style.indent ?? 0;
    const size = style.size ?? 10;
    const color = style.color ?? '#000000';
    if (style.bold) this.doc.lineWidth(size * BOLD_STROKE).strokeColor(color);
    this.doc.font(REGULAR).fontSize(size).fillColor(color);
    const x = this.doc.page.margins.left + indent;
    const width = this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right - indent;
    const align = style.align ?? 'left';
    // Glyph runs written directly (runs.ts) lay out left-aligned lines; centred or right-aligned text and
    // what the runs do not cover go through pdfkit's text().
    if (!this.direct || align !== 'left' || !this.runs.paragraph(text, x, width, !!style.bold)) {
      this.doc.text(text, x, undefined, { width, align, ...(style.bold ? { fill: true, stroke: true } : {}) });
    }
    if (style.gapAfter) this.doc.moveDown(style.gapAfter);
    await this.backpressure();
  }

  /** A title line, larger and bold. */
  heading(text: string, size = 14): Promise<void> {
    return this.text(text, { bold: true, size, gapAfter: 0.4 });
  }

  /**
   * A table across the page: columns sized by their weights, each row as tall as its tallest wrapped
   * cell, ruled like a grid. A row that does not fit starts a new page, which repeats the header row.
   */
  async table(table: PdfTable): Promise<void> {
    const size = table.size ?? 8;
    const pad = 3;
    const { left, right, bottom } = this.doc.page.margins;
    const width = this.doc.page.width - left - right;
    const weights = table.columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = table.columns.map((c) => (width * c.weight) / weights);
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
    this.doc.font(REGULAR).fontSize(size);
    const heightOf = (cells: readonly string[]) =>
      Math.max(...cells.map((c, i) => this.doc.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
    const drawRow = (cells: readonly string[], style: { bold?: boolean; fill?: string }) => {
      const height = heightOf(cells);
      if (this.doc.y + height > this.doc.page.height - bottom) {
        this.doc.addPage();
        if (cells !== header) drawRow(header, { bold: true, fill: HEADER_FILL });
      }
      const y = this.doc.y;
      if (style.fill) this.doc.rect(left, y, width, height).fillColor(style.fill).fill();
      this.doc.lineWidth(0.3).strokeColor('#999999');
      for (let i = 0; i < cells.length; i++) this.doc.rect(xs[i]!, y, widths[i]!, height).stroke();
      this.doc.fillColor('#000000').font(REGULAR).fontSize(size);
      if (style.bold) this.doc.lineWidth(size * BOLD_STROKE).strokeColor('#000000');
      for (let i = 0; i < cells.length; i++) {
        this.doc.text(cells[i]!, xs[i]! + pad, y + pad, {
          width: widths[i]! - 2 * pad,
          align: table.columns[i]!.align ?? 'left',
          ...(style.bold ? { fill: true, stroke: true } : {}),
        });
      }
      this.doc.x = left;
      this.doc.y = y + height;
    };
    const header = table.columns.map((c) => c.header);
    drawRow(header, { bold: true, fill: HEADER_FILL });
    for (const row of table.rows) {
      drawRow(row.cells, { bold: row.bold });
      await this.backpressure();
    }
    this.doc.moveDown(table.gapAfter ?? 0.8);
  }

  /** A thin rule across the page, for separating entries. */
  rule(): void {
    const y = this.doc.y + 2;
    const { left, right } = this.doc.page.margins;
    this.doc
      .moveTo(left, y)
      .lineTo(this.doc.page.width - right, y)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    this.doc.moveDown(0.3);
  }

  /** Finish the document; resolves when the last byte has been handed to the reader. */
  async end(): Promise<void> {
    const ended = once(this.doc, 'end');
    this.doc.end();
    await ended;
  }

  private async backpressure(): Promise<void> {
    const readable = this.doc as unknown as Readable;
    while (readable.readableLength > HIGH_WATER) await once(readable, 'data');
  }
}

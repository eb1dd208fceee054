// Paragraphs written straight into the page content as glyph runs: the same line breaks and the same
// content-stream bytes as pdfkit's doc.text() (LineWrapper + _fragment, pdfkit 0.19) for the text
// StreamedPdf writes — left-aligned, one font, no character or word spacing — at a fraction of the
// allocation. pdfkit's path makes per line a LineWrapper with its listeners, a string per word and
// per glyph (hex), a position object per glyph, and a Buffer per content operator (~100 KB per
// timeline entry); on a 20,000-entry timeline that garbage outran the young generation and piled up
// in the old one until late (bench/dossier.ts: ~90 MB of heap at the export's peak). Here a glyph's
// hex and advance are looked up once per document, a paragraph's breaks and word widths go into
// reused typed arrays, and a paragraph's lines reach the page as one string.
//
// Anything outside that case (a word wider than the line, a soft hyphen, empty text) returns false
// and the caller takes pdfkit's own path; test/platform/pdf.test.ts holds both paths to one output.
import LineBreaker from 'linebreak';

/** pdfkit's PDFObject.number: how every coordinate and size is written. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** pdfkit's PDFNumber (line wrapping compares in float32): the nearest float32 not above n. */
function pdfNumber(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  f32[0] = n;
  if (n <= 0) u32[0]! += 1;
  else u32[0]! -= 1;
  return f32[0]!;
}

const NEWLINE = 10;
const SOFT_HYPHEN = '\u00ad';

export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** The parts of pdfkit's EmbeddedFont (pdfkit 0.19) that a glyph run touches. */
export interface EmbeddedFontInternals {
  id: string;
  font: { glyphForCodePoint(codePoint: number): FontkitGlyph };
  scale: number;
  ascender: number;
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  layout(text: string, features?: unknown, onlyWidth?: boolean): unknown;
  embed(): void;
  subset: {
    glyphs: number[];
    includeGlyph(glyphId: number): number;
    cff?: { topDict: { CharStrings: ({ offset: number; length: number } | undefined)[] } };
  };
}

/** The parts of pdfkit's PDFDocument (pdfkit 0.19) that a glyph run reads and moves. */
interface DocumentInternals {
  _font: EmbeddedFontInternals;
  _fontSize: number;
  _fillColor?: unknown[];
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown>; maxY(): number };
  currentLineHeight(includeGap: boolean): number;
  continueOnNewPage(): void;
  fillColor(...args: unknown[]): unknown;
  addContent(data: string): unknown;
}

export class GlyphRuns {
  private readonly doc: DocumentInternals;
  /** Per code point: the glyph (layout and widths). */
  private readonly glyphs = new Map<number, FontkitGlyph>();
  /** Per code point: the subset glyph id as the content stream writes it (4 hex digits). */
  private readonly hexes = new Map<number, string>();
  // A paragraph's words (text between two break opportunities): end offset, mandatory break, width.
  private ends = new Int32Array(256);
  private required = new Uint8Array(256);
  private widths = new Float64Array(256);
  /** The lines of the paragraph not yet handed to the page. */
  private pending = '';

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc as unknown as DocumentInternals;
  }

  /** The font's glyph for a code point, looked up once per document (also for the cmap layout). */
  glyph(cp: number): FontkitGlyph {
    let g = this.glyphs.get(cp);
    if (!g) {
      g = this.doc._font.font.glyphForCodePoint(cp);
      this.glyphs.set(cp, g);
    }
    return g;
  }

  /**
   * Write `text` at x, wrapped to `width`, from the current y, as doc.text(text, x, undefined,
   * { width, fill, stroke }) would with the current font, size and colours. False (nothing written)
   * when the text needs what only pdfkit's path does.
   */
  paragraph(text: string, x: number, width: number, fillAndStroke: boolean): boolean {
    if (text.length === 0 || text.includes(SOFT_HYPHEN)) return false;
    const doc = this.doc;
    const size = doc._fontSize;
    // LineWrapper's line width, as it computes it: horizontal scaling 100 %, one column (gap 18).
    const lineWidth = ((Math.max(width, 0) * 100) / 100 - 18 * 0) / 1;
    // The words and their widths first: a word wider than the line is split by pdfkit, mid-word.
    const breaker = new LineBreaker(text);
    let n = 0;
    let start = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      if (n === this.ends.length) this.grow();
      const w = this.wordWidth(text, start, bk.position, size);
      if (w > lineWidth) return false;
      this.ends[n] = bk.position;
      this.required[n] = bk.required ? 1 : 0;
      this.widths[n] = w;
      start = bk.position;
      n += 1;
    }

    // LineWrapper.wrap, for one column, no height limit, no ellipsis, nothing continued.
    doc.x = x;
    const lineHeight = doc.currentLineHeight(true);
    let maxY = pdfNumber(doc.page.maxY());
    if (doc.y > maxY || doc.y + lineHeight > maxY) maxY = this.nextPage(x);
    let lineStart = 0;
    let lineEnd = 0;
    let words = 0;
    let spaceLeft = lineWidth;
    let afterRequired = true;
    for (let i = 0; i < n; i += 1) {
      const wordStart = i === 0 ? 0 : this.ends[i - 1]!;
      const wordEnd = this.ends[i]!;
      const w = this.widths[i]!;
      const required = this.required[i] === 1;
      if (afterRequired) spaceLeft = lineWidth;
      const fits = w <= spaceLeft;
      if (fits) {
        lineEnd = wordEnd;
        words += 1;
      }
      if (required || !fits) {
        if (required && !fits) {
          this.line(text, lineStart, lineEnd, x, fillAndStroke);
          lineStart = wordStart;
          lineEnd = wordEnd;
        }
        this.line(text, lineStart, lineEnd, x, fillAndStroke);
        if (pdfNumber(doc.y + lineHeight) > maxY) maxY = this.nextPage(x);
        if (required) {
          spaceLeft = lineWidth;
          lineStart = lineEnd = wordEnd;
          words = 0;
        } else {
          spaceLeft = lineWidth - w;
          lineStart = wordStart;
          lineEnd = wordEnd;
          words = 1;
        }
      } else {
        spaceLeft -= w;
      }
      afterRequired = required;
    }
    if (words > 0) this.line(text, lineStart, lineEnd, x, fillAndStroke);
    this.flush();
    doc.x = x;
    return true;
  }

  /** LineWrapper.wordWidth through doc.widthOfString, in its order of operations (same float). */
  private wordWidth(text: string, from: number, to: number, size: number): number {
    let advance = 0;
    for (let i = from; i < to;) {
      const cp = text.codePointAt(i)!;
      advance += this.glyph(cp).advanceWidth;
      i += cp > 0xffff ? 2 : 1;
    }
    const ofFont = advance * this.doc._font.scale * (size / 1000);
    return pdfNumber(((ofFont + 0 * (to - from - 1)) * 100) / 100 + 0 + 0);
  }

  /** _line → _fragment: one line's operators (newlines dropped; an empty line only moves down). */
  private line(text: string, from: number, to: number, x: number, fillAndStroke: boolean): void {
    const doc = this.doc;
    let hex = '';
    for (let i = from; i < to;) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (cp !== NEWLINE) hex += this.hex(cp);
    }
    if (hex.length > 0) {
      const font = doc._font;
      const page = doc.page;
      const dy = (font.ascender / 1000) * doc._fontSize;
      if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
      // save, flip (transform), BT, position, font, render mode, one TJ run with no adjustment, ET, restore.
      this.pending +=
        `q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(page.height - doc.y - dy)} Tm\n` +
        `/${font.id} ${num(doc._fontSize)} Tf\n${fillAndStroke ? '2 Tr\n' : ''}[<${hex}> 0] TJ\nET\nQ\n`;
    }
    doc.y += doc.currentLineHeight(true) + 0;
  }

  /** EmbeddedFont.encode for one glyph: into the subset, with its width and Unicode value. */
  private hex(cp: number): string {
    let h = this.hexes.get(cp);
    if (h === undefined) {
      const font = this.doc._font;
      const g = this.glyph(cp);
      const gid = font.subset.includeGlyph(g.id);
      h = `0000${gid.toString(16)}`.slice(-4);
      if (font.widths[gid] == null) font.widths[gid] = g.advanceWidth * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
      this.hexes.set(cp, h);
    }
    return h;
  }

  /** The lines so far as one content chunk (pdfkit's addContent ends each chunk with a newline). */
  private flush(): void {
    if (this.pending.length === 0) return;
    this.doc.addContent(this.pending.slice(0, -1));
    this.pending = '';
  }

  /** LineWrapper.nextSection: the page is full; the new page's limit is taken as is. */
  private nextPage(x: number): number {
    const doc = this.doc;
    this.flush();
    doc.continueOnNewPage();
    doc.x = x;
    if (doc._fillColor) doc.fillColor(...doc._fillColor);
    return doc.page.maxY();
  }

  private grow(): void {
    const size = this.ends.length * 2;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const required = new Uint8Array(size);
    required.set(this.required);
    const widths = new Float64Array(size);
    widths.set(this.widths);
    this.ends = ends;
    this.required = required;
    this.widths = widths;
  }
}

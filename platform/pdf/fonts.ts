// The Chinese font every PDF of the platform embeds. Debian's fonts-noto-cjk ships Noto Sans CJK as
// TrueType collections (.ttc) holding the SC, TC, JP, KR and HK faces; pdfkit (through fontkit)
// opens one face of a collection by its PostScript name, and embeds only the glyphs a document
// uses, so a PDF stays small although the collection is 20 MB.
import { accessSync, closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';

export interface PdfFontFile {
  /** A .ttf/.otf file, or a .ttc collection together with `face`. */
  path: string;
  /** The PostScript name of the face inside a collection (e.g. NotoSansCJKsc-Regular). */
  face?: string;
}

export interface PdfFonts {
  regular: PdfFontFile;
  bold: PdfFontFile;
}

const NOTO_DIR = '/usr/share/fonts/opentype/noto';

/** fonts-noto-cjk's Simplified Chinese faces; PDF_FONT_REGULAR / PDF_FONT_BOLD override them. */
export const DEFAULT_PDF_FONTS: PdfFonts = {
  regular: { path: `${NOTO_DIR}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' },
  bold: { path: `${NOTO_DIR}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' },
};

export class PdfFontMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `PDF 字体文件不存在或不可读：${path}（请安装 fonts-noto-cjk，或用 PDF_FONT_REGULAR、PDF_FONT_BOLD 指定字体）`,
    );
    this.name = 'PdfFontMissingError';
  }
}

/** Fail with a message naming the file, before a renderer half-writes a stream. */
export function assertFontsReadable(fonts: PdfFonts): void {
  for (const f of [fonts.regular, fonts.bold]) {
    try {
      accessSync(f.path, constants.R_OK);
    } catch {
      throw new PdfFontMissingError(f.path);
    }
  }
}

/** "path" or "path#Face" (a face of a collection), as PDF_FONT_REGULAR and PDF_FONT_BOLD are written. */
export function parseFontSpec(spec: string): PdfFontFile {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0) return { path: spec };
  return { path: spec.slice(0, hash), face: spec.slice(hash + 1) };
}

/** pdfkit's registerFont/pdfmake's font entry: a path, or [path, face] for a collection. */
export function fontSource(f: PdfFontFile): string | [string, string] {
  return f.face ? [f.path, f.face] : f.path;
}

// One face of a collection, read by offset: fontkit takes a font file whole, and Noto Sans CJK's
// .ttc is ~19.5 MB of which one face's tables are ~16.5 MB — 14 MB of it the glyph outlines (the CFF
// CharStrings, shared by all ten faces). Laying text out needs only the cmap and the metrics, and the
// subset embeds the outlines of the glyphs used, so the CharStrings stay unread (zero pages of a
// calloc'd buffer cost no memory) until the document's end: `loadGlyphs` reads just those it embeds.
// Shared while any document uses it (WeakRef): concurrent exports read it once, an idle server drops it.
export interface FontFace {
  /** The face as a standalone sfnt, for pdfkit's registerFont; outlines not yet loaded read as zeros. */
  data: Buffer;
  /** Read [start, end) of `data` from the file if the range lies in the unread outlines. */
  load(start: number, end: number): void;
}

const faces = new Map<string, WeakRef<FontFace>>();

export function loadFontFace(f: PdfFontFile): FontFace {
  const key = `${f.path}#${f.face ?? ''}`;
  const cached = faces.get(key)?.deref();
  if (cached) return cached;
  const face = readFace(f);
  faces.set(key, new WeakRef(face));
  return face;
}

function readExactly(fd: number, into: Buffer, at: number, length: number, position: number, path: string): void {
  if (readSync(fd, into, at, length, position) !== length) throw new Error(`字体文件不完整：${path}`);
}

function readFace(f: PdfFontFile): FontFace {
  const fd = openSync(f.path, 'r');
  try {
    const at = (offset: number, length: number): Buffer => {
      const b = Buffer.alloc(length);
      readExactly(fd, b, 0, length, offset, f.path);
      return b;
    };
    if (at(0, 4).toString('latin1') !== 'ttcf') return { data: readFileSync(f.path), load: () => {} };
    const count = at(8, 4).readUInt32BE(0);
    const offsets = at(12, 4 * count);
    for (let i = 0; i < count; i += 1) {
      const start = offsets.readUInt32BE(4 * i);
      const header = at(start, 12);
      const numTables = header.readUInt16BE(4);
      const records = at(start + 12, 16 * numTables);
      const tables = Array.from({ length: numTables }, (_, t) => ({
        record: records.subarray(16 * t, 16 * t + 16),
        tag: records.toString('latin1', 16 * t, 16 * t + 4),
        offset: records.readUInt32BE(16 * t + 8),
        length: records.readUInt32BE(16 * t + 12),
      }));
      const name = tables.find((t) => t.tag === 'name');
      if (f.face && (!name || postScriptName(at(name.offset, name.length)) !== f.face)) continue;
      // The sfnt: header and table records as in the collection, each table's data re-based after them.
      let offset = 12 + 16 * numTables;
      const placed = tables.map((t) => {
        const o = offset;
        offset += (t.length + 3) & ~3;
        return o;
      });
      const data = Buffer.alloc(offset);
      header.copy(data, 0);
      let hole = { from: 0, to: 0, fileDelta: 0 };
      tables.forEach((t, k) => {
        t.record.copy(data, 12 + 16 * k);
        data.writeUInt32BE(placed[k]!, 12 + 16 * k + 8);
        const outlines = t.tag === 'CFF ' ? charStringsData(fd, t.offset, f.path) : null;
        if (!outlines) return readExactly(fd, data, placed[k]!, t.length, t.offset, f.path);
        readExactly(fd, data, placed[k]!, outlines.from, t.offset, f.path);
        const rest = t.length - outlines.to;
        readExactly(fd, data, placed[k]! + outlines.to, rest, t.offset + outlines.to, f.path);
        hole = { from: placed[k]! + outlines.from, to: placed[k]! + outlines.to, fileDelta: t.offset - placed[k]! };
      });
      const path = f.path;
      return {
        data,
        load(from, to) {
          const a = Math.max(from, hole.from);
          const b = Math.min(to, hole.to);
          if (a >= b) return;
          const file = openSync(path, 'r');
          try {
            readExactly(file, data, a, b - a, a + hole.fileDelta, path);
          } finally {
            closeSync(file);
          }
        },
      };
    }
    throw new Error(`字体文件 ${f.path} 中没有字体 ${f.face ?? ''}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the CharStrings' data lies in a CFF table (offsets from the table's start): the header, the
 * Name INDEX, the Top DICT's CharStrings operator (17), then that INDEX's offset array.
 */
function charStringsData(fd: number, cff: number, path: string): { from: number; to: number } | null {
  const read = (offset: number, length: number) => {
    const b = Buffer.alloc(length);
    readExactly(fd, b, 0, length, cff + offset, path);
    return b;
  };
  // An INDEX: count, offSize, count + 1 offsets (from the byte before the data), data.
  const index = (offset: number) => {
    const head = read(offset, 3);
    const n = head.readUInt16BE(0);
    const size = head[2]!;
    const offs = read(offset + 3, (n + 1) * size);
    const off = (j: number) => offs.readUIntBE(j * size, size);
    const data = offset + 3 + (n + 1) * size - 1;
    return { n, data, first: data + off(0), end: data + off(n) };
  };
  const names = index(read(2, 1)[0]!);
  const top = index(names.end);
  if (top.n < 1) return null;
  const dict = read(top.first, top.end - top.first);
  const operands: number[] = [];
  for (let p = 0; p < dict.length;) {
    const b0 = dict[p]!;
    if (b0 === 17) {
      const charStrings = index(operands[operands.length - 1]!);
      return { from: charStrings.first, to: charStrings.end };
    }
    if (b0 <= 21) {
      operands.length = 0;
      p += b0 === 12 ? 2 : 1;
    } else if (b0 === 28) {
      operands.push(dict.readInt16BE(p + 1));
      p += 3;
    } else if (b0 === 29) {
      operands.push(dict.readInt32BE(p + 1));
      p += 5;
    } else if (b0 === 30) {
      p += 1;
      while (p < dict.length && (dict[p]! & 0x0f) !== 0x0f && (dict[p]! & 0xf0) !== 0xf0) p += 1;
      p += 1;
      operands.push(0);
    } else if (b0 <= 246) {
      operands.push(b0 - 139);
      p += 1;
    } else if (b0 <= 250) {
      operands.push((b0 - 247) * 256 + dict[p + 1]! + 108);
      p += 2;
    } else {
      operands.push(-(b0 - 251) * 256 - dict[p + 1]! - 108);
      p += 2;
    }
  }
  return null;
}

/** The PostScript name (name ID 6) from a name table: Windows (UTF-16BE) or Macintosh (Roman) record. */
function postScriptName(table: Buffer): string | null {
  const count = table.readUInt16BE(2);
  const strings = table.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const r = 6 + 12 * i;
    if (table.readUInt16BE(r + 6) !== 6) continue;
    const platform = table.readUInt16BE(r);
    const from = strings + table.readUInt16BE(r + 10);
    const raw = table.subarray(from, from + table.readUInt16BE(r + 8));
    if (platform === 3) return Buffer.from(raw).swap16().toString('utf16le');
    if (platform === 1) return raw.toString('latin1');
  }
  return null;
}

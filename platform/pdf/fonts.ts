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
// .ttc is ~19.5 MB of which one face's tables are ~16.5 MB (the CFF outlines, 15.5 MB, are shared by
// all ten faces; each face adds its own cmap, GSUB, GPOS and name). Shared while any document uses
// it (WeakRef): concurrent exports read it once, and an idle server does not keep it.
const faces = new Map<string, WeakRef<Buffer>>();

/** The face as a standalone sfnt (a .ttf/.otf is returned whole), for pdfkit's registerFont. */
export function loadFontFace(f: PdfFontFile): Buffer {
  const key = `${f.path}#${f.face ?? ''}`;
  const cached = faces.get(key)?.deref();
  if (cached) return cached;
  const face = readFace(f);
  faces.set(key, new WeakRef(face));
  return face;
}

function readFace(f: PdfFontFile): Buffer {
  const fd = openSync(f.path, 'r');
  try {
    const at = (offset: number, length: number): Buffer => {
      const b = Buffer.alloc(length);
      if (readSync(fd, b, 0, length, offset) !== length) throw new Error(`字体文件不完整：${f.path}`);
      return b;
    };
    if (at(0, 4).toString('latin1') !== 'ttcf') return readFileSync(f.path);
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
      const out = Buffer.alloc(offset);
      header.copy(out, 0);
      tables.forEach((t, k) => {
        t.record.copy(out, 12 + 16 * k);
        out.writeUInt32BE(placed[k]!, 12 + 16 * k + 8);
        if (readSync(fd, out, placed[k]!, t.length, t.offset) !== t.length) {
          throw new Error(`字体文件不完整：${f.path}`);
        }
      });
      return out;
    }
    throw new Error(`字体文件 ${f.path} 中没有字体 ${f.face ?? ''}`);
  } finally {
    closeSync(fd);
  }
}

/** The PostScript name (name ID 6) from a name table: Windows (UTF-16BE) or Macintosh (Roman) record. */
function postScriptName(table: Buffer): string | null {
  const count = table.readUInt16BE(2);
  const strings = table.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const r = 6 + 12 * i;
    if (table.readUInt16BE(r + 6) !== 6) continue;
    const platform = table.readUInt16BE(r);
    const raw = table.subarray(
      strings + table.readUInt16BE(r + 10),
      strings + table.readUInt16BE(r + 10) + table.readUInt16BE(r + 8),
    );
    if (platform === 3) return Buffer.from(raw).swap16().toString('utf16le');
    if (platform === 1) return raw.toString('latin1');
  }
  return null;
}

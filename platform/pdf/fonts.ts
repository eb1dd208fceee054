// The Chinese font every PDF of the platform embeds. Debian's fonts-noto-cjk ships Noto Sans CJK as
// TrueType collections (.ttc) holding the SC, TC, JP, KR and HK faces; pdfkit (through fontkit)
// opens one face of a collection by its PostScript name, and embeds only the glyphs a document
// uses, so a PDF stays small although the collection is 20 MB.
import { accessSync, constants } from 'node:fs';

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

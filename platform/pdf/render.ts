// Declarative PDFs (pdfmake): a document definition in, a readable PDF stream out. pdfmake lays the
// whole document out before the first byte, so memory grows with the document: use it for
// statements and reports of some pages; a long timeline goes through StreamedPdf (stream.ts).
import type { Readable } from 'node:stream';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { assertFontsReadable, DEFAULT_PDF_FONTS, fontSource, type PdfFonts } from './fonts.js';

export type { Content, TDocumentDefinitions };

/** The one font family every document uses; `bold: true` picks the bold face. */
export const PDF_FONT_FAMILY = 'NotoSansSC';

// A document definition never fetches anything: no remote images, and local files only the fonts.
pdfmake.setUrlAccessPolicy(() => false);

/**
 * Render a document definition to a PDF stream, with the Chinese font embedded (subset). The
 * definition's defaultStyle may set sizes and colours; the font is always ours.
 */
export async function renderPdf(
  definition: TDocumentDefinitions,
  fonts: PdfFonts = DEFAULT_PDF_FONTS,
): Promise<Readable> {
  assertFontsReadable(fonts);
  const allowed = new Set([fonts.regular.path, fonts.bold.path]);
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  // pdfmake accepts [path, face] for a face of a collection at run time; its types know only paths.
  const regular = fontSource(fonts.regular) as string;
  const bold = fontSource(fonts.bold) as string;
  // No italic CJK face exists; italics fall back to the upright faces.
  pdfmake.setFonts({ [PDF_FONT_FAMILY]: { normal: regular, bold, italics: regular, bolditalics: bold } });
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    ...definition,
    defaultStyle: { fontSize: 10, ...definition.defaultStyle, font: PDF_FONT_FAMILY },
  });
  // pdfmake's server build hands back the pdfkit document (a Readable) that still has to be ended.
  const stream = (await doc.getStream()) as unknown as Readable & { end(): void };
  stream.end();
  return stream;
}

/** Collect a rendered PDF (small documents only: tests, e-mail attachments). */
export async function renderPdfBuffer(definition: TDocumentDefinitions, fonts?: PdfFonts): Promise<Buffer> {
  const stream = await renderPdf(definition, fonts);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// The platform's PDF module (README.md beside it): declarative documents through pdfmake, long
// timelines streamed through pdfkit, both with the Chinese font embedded.
export {
  assertFontsReadable,
  DEFAULT_PDF_FONTS,
  parseFontSpec,
  PdfFontMissingError,
  type PdfFontFile,
  type PdfFonts,
} from './fonts.js';
export { PDF_FONT_FAMILY, renderPdf, renderPdfBuffer, type Content, type TDocumentDefinitions } from './render.js';
export { StreamedPdf, type PdfTable, type StreamedPdfOptions, type TextStyle } from './stream.js';

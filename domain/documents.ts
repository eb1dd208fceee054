// 措施十四: which files may be kept as evidence. The type is read from the content (magic bytes), not
// from the name; the name's extension must agree with the content, so a renamed file is refused.
import { AppError } from './errors.js';

/** Detected media type → the file-name extensions that may carry it. */
export const DOCUMENT_FORMATS = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/tiff': ['tif', 'tiff'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  // Office 97–2003 files are OLE compound files; file-type names the container, not the program.
  'application/x-cfb': ['doc', 'xls', 'ppt'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/zip': ['zip'],
} as const satisfies Record<string, readonly string[]>;
export type DocumentFormat = keyof typeof DOCUMENT_FORMATS;

export const ALLOWED_EXTENSIONS: readonly string[] = [...new Set(Object.values(DOCUMENT_FORMATS).flat())];

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

/**
 * Decide whether a file may be stored: `detected` is what the content says it is (undefined when
 * the bytes match no known format). Returns the format to store, or throws the refusal.
 */
export function acceptDocumentType(filename: string, detected: string | undefined): DocumentFormat {
  if (!detected || !(detected in DOCUMENT_FORMATS)) {
    throw new AppError(
      'DOCUMENT_TYPE_REFUSED',
      undefined,
      `不接受此类文件：只能上传 PDF、图片（PNG、JPEG、WebP、TIFF）、Office 文档或 ZIP 压缩包（按文件内容识别${detected ? `，识别为 ${detected}` : '，无法识别'}）`,
    );
  }
  const format = detected as DocumentFormat;
  const ext = extensionOf(filename);
  if (!(DOCUMENT_FORMATS[format] as readonly string[]).includes(ext)) {
    throw new AppError(
      'DOCUMENT_TYPE_MISMATCH',
      undefined,
      `文件内容与文件名不符：内容为 ${format}，文件名扩展名为 “.${ext}”（应为 ${DOCUMENT_FORMATS[format].map((e) => `.${e}`).join('、')}）`,
    );
  }
  return format;
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return cleaned.slice(-200) || 'document';
}

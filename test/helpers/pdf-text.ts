// Text extraction from a PDF, the way a reader's copy-and-paste sees it (pdf.js reads each embedded
// font's ToUnicode map): proves the Chinese text is in the file, not merely drawn.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: parts.join('') };
}

/** The names of the fonts a PDF embeds (FontFile2/FontFile3 streams), from its raw bytes. */
export function embeddedFontNames(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/FontName \/([A-Z]{6}\+[^\s/>]+)/g)].map((m) => m[1]!);
}

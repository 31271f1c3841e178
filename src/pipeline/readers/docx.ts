/**
 * Word documents (.docx from Word, Google Docs or LibreOffice) → HTML with mammoth, whose style map
 * turns Word's heading styles into headings, then → Markdown by the HTML reader. Code and quote
 * styles are mapped too, since runbooks keep their commands in them.
 */
import { htmlToMarkdown } from './html.ts';
import type { Converted } from './types.ts';

const STYLE_MAP = [
  "p[style-name='Title'] => h1.doc-title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Code'] => pre:separator('\\n')",
  "p[style-name='Source Code'] => pre:separator('\\n')",
  "p[style-name='HTML Preformatted'] => pre:separator('\\n')",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "r[style-name='Code Char'] => code",
  "r[style-name='Source Code Char'] => code",
];

/** The first bytes of an OLE compound file: Word 97–2003 documents, and any encrypted .docx. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function wordProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the Word file is empty';
  if (OLE_MAGIC.every((byte, i) => bytes[i] === byte)) {
    return 'the Word file is password-protected or in the old .doc format (an OLE container, not a .docx zip); save it as .docx without a password';
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 'the file is not a Word .docx (it is not a zip archive); it may be damaged or renamed';
  return undefined;
}

export async function readDocx(bytes: Uint8Array): Promise<Converted> {
  const problem = wordProblem(bytes);
  if (problem) throw new Error(problem);
  // Loaded on first use: most runs read no Word file, and mammoth is a large module to start with.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    // Images are named, not inlined: a base64 picture is no text to cite.
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      { styleMap: STYLE_MAP, externalFileAccess: false, convertImage: mammoth.images.imgElement(async (image) => ({ src: '', alt: (image as { altText?: string }).altText || 'image' })) },
    );
    html = result.value;
  } catch (error) {
    throw new Error(`the Word file could not be read (${(error as Error).message.split('\n')[0]}); it may be damaged`);
  }
  return { text: htmlToMarkdown(`<html><body>${html}</body></html>`).markdown, reader: 'docx', warnings: [] };
}

/** The readers that turn an inbox format into the Markdown text the rest of the pipeline reads. */
export type ReaderName = 'html' | 'docx' | 'pdf' | 'slack' | 'telegram' | 'mattermost' | 'subtitles' | 'transcript' | 'jira' | 'asciidoc' | 'org';

/** One input converted by a reader. */
export interface Converted {
  /** Markdown: what the source page shows line by line and every citation points into. */
  text: string;
  reader: ReaderName;
  /** First line of each page of a PDF, so a citation can name the page. */
  pages?: Array<{ page: number; line: number }>;
  /** What the author should know (a voice message left untranscribed, a day file missing). */
  warnings: string[];
}

/**
 * Slots: what stands under a template label of a candidate. A heading's slot is its section; a
 * label's is its value and, for a label that introduces a block ("**Симптомы:**", "Alternatives:")
 * or tells a story ("Причина: …" in an e-mail), the paragraphs and lists that follow up to the
 * next label; a table row's is its value cell.
 */
import type { RootContent } from 'mdast';
import type { CitedText } from '../../schemas/index.ts';
import type { Part } from '../outline.ts';
import { placeholderLine, type Slot } from '../templates.ts';
import { cite, clean, shorten, withoutClosingStop, type Line, type Section } from './section.ts';

export interface SlotContent {
  section: Section;
  part: Part;
  /** Lines of the slot: for a label, its own line (label cut off) and what follows. */
  lines: Line[];
  /** Top-level blocks of the candidate's tree that lie inside the slot. */
  nodes: RootContent[];
  /** Whether the content came from the context shared with sibling documents. */
  shared: boolean;
}

/** Slots whose label heads a story that may run over several paragraphs. */
const NARRATIVE: Set<Slot> = new Set([
  'summary', 'whatHappened', 'fault', 'impact', 'rootCause', 'trigger', 'resolution', 'detection', 'response', 'context', 'decision',
  'followUps', 'lessons', 'contributingFactors', 'whatWentWell', 'whatWentWrong', 'options', 'whyNot',
  'consequences', 'positive', 'negative', 'symptoms', 'steps', 'diagnosis', 'mitigation', 'verification',
  'escalation', 'meaning', 'drivers', 'prosCons', 'timeline', 'prerequisites', 'fiveWhys',
]);

/** Slots that hold a list of their own items: a line introducing one under another heading starts it there. */
const LISTS: Set<Slot> = new Set(['followUps', 'lessons', 'whatWentWell', 'whatWentWrong', 'contributingFactors', 'timeline', 'options', 'steps', 'positive', 'negative']);

/** Cuts the label off a label line, leaving its value. */
export function afterLabel(text: string, part: Part): string {
  if (part.form !== 'label') return text;
  const index = text.indexOf(part.label);
  if (index < 0) return part.value;
  const rest = text.slice(index + part.label.length);
  return rest.replace(/^\s*\**\s*(?:\([^)]*\))?\s*\**\s*[:：—–]?\s*\**\s*/u, '');
}

export interface SlotOptions {
  /** Also look in the context shared with sibling documents when the candidate has no such slot. */
  shared?: boolean;
  /** A heading's own text only, up to its first subheading ("Decision Outcome" without its "Consequences"). */
  direct?: boolean;
}

function contentOf(section: Section, part: Part, parts: Part[], pool: Line[], shared: boolean, options: SlotOptions): SlotContent {
  const later = parts.filter((p) => p.line > part.line || (p.line === part.line && p !== part && parts.indexOf(p) > parts.indexOf(part)));
  let lines: Line[];
  if (part.form === 'heading') {
    // Direct: up to the first subheading that is a section of its own kind ("### Consequences"), not
    // over subheadings that only divide the text ("### Secret Rotation" under "## Decision").
    const sub = options.direct ? later.find((p) => p.form === 'heading' && p.depth > part.depth && p.slot !== undefined && p.line <= (part.endLine ?? Number.MAX_SAFE_INTEGER)) : undefined;
    // "We are taking the following actions to prevent recurrence:" under "## Remediation and
    // Prevention": a line that introduces another slot's list ends this heading's own text.
    const handedOn = later.find((p) => p.form === 'label' && p.value === '' && p.slot !== undefined && p.slot !== part.slot && LISTS.has(p.slot) && p.line <= (part.endLine ?? Number.MAX_SAFE_INTEGER) && !/^\s*(?:[-*+•]|\d{1,2}[.)])\s/.test(section.ctx.parsed.lines[p.line - 1] ?? ''));
    const end = Math.min(part.endLine ?? section.candidate.endLine, sub ? sub.line - 1 : Number.MAX_SAFE_INTEGER, handedOn ? handedOn.line - 1 : Number.MAX_SAFE_INTEGER);
    lines = pool.filter((l) => l.number > (part.lastLine ?? part.line) && l.number <= end);
  } else if (part.form === 'row' || part.form === 'frontmatter') {
    lines = [{ number: part.line, text: part.value }];
  } else {
    // A label on a line with others ("Date: … · Severity: …") owns only its own segment.
    const sameLine = later.find((p) => p.line === part.line && p.form === 'label');
    const next = later.find((p) => p.line > part.line && (p.form === 'heading' || p.form === 'label'));
    const end = Math.min(next ? next.line - 1 : Number.MAX_SAFE_INTEGER, part.endLine ?? Number.MAX_SAFE_INTEGER);
    const own = pool.find((l) => l.number === part.line);
    const first: Line = { number: part.line, text: sameLine ? part.value : own ? afterLabel(own.text, part) : part.value };
    const following = sameLine ? [] : pool.filter((l) => l.number > part.line && l.number <= end);
    // "Label: value" is one paragraph; a label that introduces or tells goes on to the next label.
    const narrative = part.slot !== undefined && NARRATIVE.has(part.slot);
    if (!narrative) {
      // "Label: value" goes on over the plain lines of its paragraph, not into a list or a new label.
      const partLines = new Set(parts.map((p) => p.line));
      const stop = following.findIndex((l) => !l.text.trim() || partLines.has(l.number) || /^\s*(?:[-*+•>|#]|\d{1,2}[.)]\s)/.test(l.text));
      lines = [first, ...(stop < 0 ? following : following.slice(0, stop))];
    } else {
      // A story runs to a rule ("---"), a line that opens a new topic with an emoji, or its third
      // paragraph. A label with its value on its line ("Причина: …") goes on past a blank line only
      // into paragraphs that open with a label of their own ("Откуда место закончилось: …").
      let paragraphs = 0;
      const stop = following.findIndex((l, i) => {
        const opens = i > 0 && !following[i - 1]!.text.trim() && l.text.trim() !== '';
        if (opens) paragraphs++;
        // "Влияние: …" over "Задача: … — Саша" in one paragraph: stacked "Key: value" lines are fields of their own.
        if (!opens && part.value && l.text.trim() && STACKED_LABEL.test(l.text.trim())) return true;
        if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(l.text)) return true;
        if (opens && /^\s*\p{Extended_Pictographic}/u.test(l.text)) return true;
        if (opens && part.value && !/^\s*(?:[-*+]\s|\d{1,2}[.)]\s)/.test(l.text) && !/^[\p{L}][\p{L}\p{N} ,'’-]{1,60}[:：]\s/u.test(l.text.trim())) return true;
        return paragraphs >= 3;
      });
      lines = [first, ...(stop < 0 ? following : following.slice(0, stop))];
    }
    // In a list, a labelled item with its value ends with the item ("- **Статус:** принято",
    // "- Root cause: …" before "- Key timeline points: …"); its own nested lines stay.
    const item = /^(\s*)(?:[-*+]|\d+[.)])\s/.exec(own?.text ?? '');
    if (item && part.value) {
      const indent = item[1]!.length;
      const end = lines.findIndex((l, i) => i > 0 && (!l.text.trim() || new RegExp(`^\\s{0,${indent}}(?:[-*+]|\\d+[.)])\\s`).test(l.text) || /^\S/.test(l.text)));
      if (end > 0) lines = lines.slice(0, end);
    }
  }
  while (lines.length > 0 && !lines[lines.length - 1]!.text.trim()) lines.pop();
  const from = lines[0]?.number ?? part.line;
  const to = lines[lines.length - 1]?.number ?? part.line;
  // Blocks that start inside the slot: a list may run past a label nested in it ("5. **Эскалация:**").
  const nodes = shared ? [] : section.tree.children.filter((n) => n.position!.start.line >= (part.form === 'heading' ? from : part.line) && n.position!.start.line <= to);
  return { section, part, lines, nodes, shared };
}

/** A line that opens with a capitalised label of its own, as stacked "Key: value" lines do; a wrapped line of prose rarely does. */
const STACKED_LABEL = /^\p{Lu}[\p{L}\p{N} '’-]{1,40}[:：]\s+\S/u;

/** Every slot of the given names in the candidate, in source order; the shared context only when asked. */
const read = new WeakMap<Section, Map<string, SlotContent[]>>();

export function slotContents(section: Section, slots: Slot | Slot[], options: SlotOptions = {}): SlotContent[] {
  // Extractors ask for the same slots several times (a field, then its evidence): read each once.
  let known = read.get(section);
  if (!known) read.set(section, (known = new Map()));
  const key = `${[slots].flat().join(',')}|${options.shared ? 's' : ''}${options.direct ? 'd' : ''}`;
  let found = known.get(key);
  if (!found) known.set(key, (found = readSlots(section, slots, options)));
  return found;
}

function readSlots(section: Section, slots: Slot | Slot[], options: SlotOptions): SlotContent[] {
  const wanted = new Set(Array.isArray(slots) ? slots : [slots]);
  // "Инструкция: переполнение очереди SMS", "Procedure: …" on the title line names the document, not its steps.
  const titleWord = (p: Part) => p.slot === 'steps' && p.form === 'label' && p.line === section.candidate.titleLine;
  const own = section.parts.filter((p) => ((p.slot && wanted.has(p.slot)) || (p.also && wanted.has(p.also))) && !titleWord(p)).map((p) => contentOf(section, p, section.parts, section.lines, false, options));
  if (own.length > 0 || !options.shared) return own;
  const pool: Line[] = [];
  for (const [from, to] of section.candidate.context) {
    for (let n = from; n <= to; n++) if (!section.ctx.noise.noiseLines.has(n)) pool.push({ number: n, text: section.ctx.noise.cleanedLines.get(n) ?? section.ctx.parsed.lines[n - 1] ?? '' });
  }
  return section.contextParts.filter((p) => p.slot && wanted.has(p.slot)).map((p) => contentOf(section, p, section.contextParts, pool, true, options));
}

export function slotContent(section: Section, slots: Slot | Slot[], options: SlotOptions = {}): SlotContent | undefined {
  return slotContents(section, slots, options)[0];
}

/** Markdown marks and list bullets off a line of text. */
/** Elements notes paste as HTML; any other bare `<word>` is a placeholder to fill in (`--merchant <id>`). */
const HTML_ELEMENTS = new Set('a abbr b br code del details div em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre s small span strong sub summary sup table tbody td th thead tr u ul'.split(' '));

function isPlaceholder(tag: string): boolean {
  const name = /^<([\p{L}][\p{L}\p{N}_-]*)>$/u.exec(tag)?.[1];
  return name !== undefined && !HTML_ELEMENTS.has(name.toLowerCase());
}

export function plainLine(text: string): string {
  return clean(
    text
      .replace(/^\s*(?:>\s*)*/, '')
      .replace(/^\s*(?:[-*+•]|\d{1,2}[.)])\s+/, '')
      .replace(/^\s*\|\s*|\s*\|\s*$/g, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/<[^>\s][^>]*>/g, (tag) => (/^<(https?:|[\w.-]+@)/.test(tag) ? tag.slice(1, -1) : isPlaceholder(tag) ? tag : ''))
      .replace(/(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])/g, '$1'),
  );
}

/**
 * A slot's words as one text: paragraphs apart by a blank line, list items one per line with
 * "- ", code and tables left out (they are the body's, not a field's). Cut at `max` characters.
 */
/** A section its writer marked as not written yet: "TBD.", "TODO: …", "N/A". */
export const UNWRITTEN = /^\s*(?:TBD|TODO|WIP|N\/A)(?:[.:!—–-]|\s*$)/u;

export function slotText(content: SlotContent, max = 1200): CitedText | undefined {
  // A section left as the template had it ("_Who was affected and how._") says nothing of this incident,
  // nor one its writer marked unwritten ("TBD. Something about SRE team in different timezones.").
  if (content.lines.every((l) => !l.text.trim() || placeholderLine(l.text))) return undefined;
  if (UNWRITTEN.test(content.lines.find((l) => l.text.trim())?.text ?? '')) return undefined;
  const out: string[] = [];
  const used: number[] = [];
  let inFence = false;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of content.lines) {
    if (/^\s*(```|~~~)/.test(line.text)) {
      inFence = !inFence;
      flush();
      continue;
    }
    if (inFence || /^\s*\|/.test(line.text) || /^\s*!\[/.test(line.text)) continue;
    if (!line.text.trim()) {
      flush();
      continue;
    }
    // A subheading inside the section ("### Primary issue: …") is a paragraph of its own, without its marks.
    if (/^\s*#{1,6}\s/.test(line.text)) flush();
    const text = plainLine(line.text.replace(/^\s*#{1,6}\s+/, '').replace(/\s+#+\s*$/, ''));
    if (!text) continue;
    if (/^\s*(?:[-*+•]|\d{1,2}[.)])\s+/.test(line.text)) {
      flush();
      paragraph.push(`- ${text}`);
      flush();
    } else if (/^\s{2,}\S/.test(line.text) && out.length > 0 && out[out.length - 1]!.startsWith('- ') && paragraph.length === 0) {
      // A list item's wrapped continuation.
      out[out.length - 1] += ` ${text}`;
    } else paragraph.push(text);
    used.push(line.number);
    if (out.join('\n').length > max) break;
  }
  flush();
  const text = out.join('\n').trim();
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return undefined;
  const shortened = text.length > max ? shorten(text, max) : text;
  return { text: shortened, cite: cite(content.section, Math.min(...used), Math.max(...used)) };
}

/**
 * A section that is only a table of two columns ("| Metric | Value |" over "| Failed checkouts | ~2,100 |"):
 * its rows as "name: value", cited to them.
 */
export function slotTable(section: Section, slots: Slot | Slot[]): CitedText | undefined {
  for (const content of slotContents(section, slots)) {
    const rows = content.lines.filter((l) => /^\s*\|/.test(l.text) && !/^\s*\|?\s*:?-{2,}/.test(l.text));
    const cells = rows.map((l) => l.text.trim().replace(/^\||\|$/g, '').split('|').map((c) => plainLine(c)));
    if (rows.length < 3 || !cells.every((c) => c.length === 2 && c[0] && c[1])) continue;
    const body = cells.slice(1);
    return { text: body.map(([name, value]) => `${name}: ${value}`).join('; '), cite: cite(section, rows[1]!.number, rows.at(-1)!.number) };
  }
  return undefined;
}

/** The first slot of the names given, as cited text. */
export function slotField(section: Section, slots: Slot | Slot[], options: SlotOptions & { max?: number } = {}): CitedText | undefined {
  for (const content of slotContents(section, slots, options)) {
    const text = slotText(content, options.max);
    if (text) return text;
  }
  return undefined;
}

/** The one-line value of a label, row or frontmatter key (what `Severity: SEV-2` says), cited to its line. */
export function slotValue(section: Section, slots: Slot | Slot[], options: SlotOptions = {}): CitedText | undefined {
  for (const content of slotContents(section, slots, options)) {
    const first = content.lines.find((l) => l.text.trim());
    if (!first) continue;
    const text = plainLine(content.part.form === 'heading' ? first.text : content.lines[0]!.text || first.text);
    // A one-line value ends without the sentence's full stop ("Сервис: pay-gw. Владелец: …").
    if (text) return { text: withoutClosingStop(text), cite: cite(section, first.number) };
  }
  return undefined;
}

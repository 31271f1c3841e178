/**
 * Runbook steps in the shapes procedures are written: a numbered list (commands fenced under an
 * item, pasted unfenced, or as inline code), alternate step markers ("Шаг 1:", "STEP 2 —"),
 * numbered headings ("## 1. Ensure …"), bulleted branches ("- **Bad rollout** …: roll back"),
 * subsections of a Diagnosis or Mitigation section, and paragraphs each followed by a code block.
 * Commands stay byte for byte as the note has them.
 */
import type { Code, List, ListItem, RootContent, Table, TableCell, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Citation } from '../../schemas/index.ts';
import type { Part } from '../outline.ts';
import { inlineCommandsIn, isInlineCommand, looksLikeCommand } from '../shell.ts';
import { CONDITION_LINE } from '../classify.ts';
import { ACTION_COLUMN, COMMAND_COLUMN, faqPairs, troubleshootingHeader, type Slot } from '../templates.ts';
import { cite, clean, nodeLines, type Section } from './section.ts';
import { plainLine, slotContents, type SlotContent } from './slots.ts';

export interface Step {
  text: string;
  commands: string[];
  cite: Citation[];
}

/** Sections whose content is the procedure. Prerequisites and verification are not steps. */
export const STEP_SLOTS: Slot[] = ['steps', 'diagnosis', 'mitigation'];

/** "# ШАГ 1: Backup (15:00)", "STEP 2 — Deploy", "**Шаг 3:** …": explicit step markers. */
const STEP_MARKER = /^\s*(?:#+\s*)?(?:\*\*)?(?:(?:ШАГ|Шаг|шаг|STEP|Step|step|단계)\s*(\d+)|(\d+)\s*단계)\s*(?:\*\*)?\s*[:.)—–-]\s*(?:\*\*)?\s*(.+?)\s*(?:\*\*)?$/u;

/** Words of a step that are the escalation or verification list, not a step ("5. **Эскалация:**"). */
const NOT_A_STEP = /^(?:эскалация|escalation|escalate|уведомить команду|notify the team|проверка результата|verification|как проверить|에스컬레이션)[:：]?$/iu;

function inlineCommands(node: RootContent | ListItem | TableRow | TableCell): string[] {
  const found: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'inlineCode' && n.value && isInlineCommand(n.value)) found.push(n.value);
    if (n.type === 'code') return;
    for (const child of (n.children ?? []) as Array<typeof n>) walk(child);
  };
  walk(node as never);
  return found;
}

function fencedCommands(node: RootContent | ListItem): string[] {
  const found: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'code' && n.value?.trim()) found.push(n.value);
    for (const child of (n.children ?? []) as Array<typeof n>) walk(child);
  };
  walk(node as never);
  return found;
}

/**
 * A command written at the end of a step's sentence, after a colon or a dash, as people type in
 * chat: "проверь статус: systemctl status report-worker", "if it hangs — systemctl restart x".
 */
function trailingCommand(line: string): string | undefined {
  for (const separator of line.matchAll(/[:：]\s+|\s[—–-]\s+/gu)) {
    const rest = line.slice(separator.index + separator[0].length).trim();
    if (looksLikeCommand(rest)) return rest;
  }
  return undefined;
}

/** A list item as a step: its first paragraph's words, and every command in it. */
function stepFromItem(section: Section, item: ListItem): Step | undefined {
  const head = item.children[0];
  const [from, to] = nodeLines(item);
  // Commands pasted under an item without a fence continue its paragraph: split them off by line.
  const headLines = head ? section.ctx.parsed.lines.slice(head.position!.start.line - 1, head.position!.end.line) : [];
  const commandLines = headLines.slice(1).filter(looksLikeCommand).map((l) => l.trim());
  const prose = commandLines.length > 0 ? headLines.filter((l, i) => i === 0 || !looksLikeCommand(l)).join(' ') : head ? toString(head) : '';
  const head_ = clean(plainLine(prose.replace(/^\s*\d+[.)]\s*/, ''))).replace(/[:：]$/, '');
  if (!head_ || NOT_A_STEP.test(head_)) return undefined;
  // "Check pod template parameters such as:" and its sub-items are one step.
  const nested = item.children.filter((c): c is List => c.type === 'list').flatMap((l) => l.children.map((c) => clean(plainLine(toString(c.children[0] ?? c)))));
  const text = nested.length > 0 && /[:：]\s*$/.test(prose.trim()) ? `${head_}: ${nested.join('; ')}` : head_;
  const commands = [...(commandLines.length ? [commandLines.join('\n')] : []), ...fencedCommands(item), ...inlineCommands(head ?? item)];
  const trailing = commands.length === 0 && headLines.length === 1 ? trailingCommand(headLines[0]!) : undefined;
  if (trailing) commands.push(trailing);
  return { text, commands, cite: cite(section, from, to) };
}

/** "1. Prepare" over "1.1 Announce …", "1.2 Check lag: `psql …`": each numbered sub-line a step of its own. */
function subSteps(section: Section, item: ListItem): Step[] {
  const [from, to] = nodeLines(item);
  const lines = section.ctx.parsed.lines.slice(from - 1, to);
  const marked = lines.flatMap((line, i) => {
    const m = /^\s+\d{1,2}\.\d{1,2}\.?\s+(\S.*)$/.exec(line);
    return m ? [{ text: m[1]!, number: from + i }] : [];
  });
  if (marked.length === 0) return [];
  // The group's name says what its sub-steps are for ("Verify: `curl …` returns ok").
  const group = clean(plainLine(lines[0]!.replace(/^\s*\d{1,2}[.)]\s*/, ''))).replace(/[:：.]$/, '');
  return marked.map(({ text, number }) => ({ text: group ? `${group}: ${clean(plainLine(text))}` : clean(plainLine(text)), commands: inlineCommandsIn(text), cite: cite(section, number) }));
}

/** Steps of the top-level lists among some nodes; code right after an item belongs to it. */
function stepsFromLists(section: Section, nodes: RootContent[], ordered: boolean | 'any'): Step[] {
  const steps: Step[] = [];
  let lastFromList = false;
  for (const node of nodes) {
    if (node.type === 'list' && (ordered === 'any' || (node as List).ordered === ordered)) {
      for (const item of node.children) {
        const numbered = subSteps(section, item);
        if (numbered.length > 0) {
          steps.push(...numbered);
          continue;
        }
        const step = stepFromItem(section, item);
        if (step) steps.push(step);
      }
      lastFromList = true;
    } else if (node.type === 'code' && steps.length > 0 && lastFromList) {
      // A code block right after a numbered item (not indented under it) still belongs to that step.
      const last = steps[steps.length - 1]!;
      last.commands.push((node as Code).value);
      const [from] = (last.cite[0] as { lines: [number, number] }).lines;
      last.cite = cite(section, from, node.position!.end.line);
    } else if (node.type !== 'code') lastFromList = node.type === 'list' ? lastFromList : false;
  }
  return steps;
}

/** Column headers of a procedure table: what to do, and the command to type. */

/**
 * A procedure written as a table ("| Step | Action | Command |"): a row a step, its words from the
 * action column, its commands from the command column (or inline code anywhere in the row).
 */
function stepsFromTables(section: Section, nodes: RootContent[]): Step[] {
  const steps: Step[] = [];
  for (const table of nodes.filter((n): n is Table => n.type === 'table')) {
    const [head, ...rows] = table.children;
    if (!head || rows.length < 2) continue;
    const names = head.children.map((cell) => clean(toString(cell)));
    const action = names.findIndex((n) => ACTION_COLUMN.test(n) && !/^(?:steps?|шаг|단계)$/iu.test(n));
    const actionColumn = action >= 0 ? action : names.findIndex((n) => ACTION_COLUMN.test(n));
    const command = names.findIndex((n) => COMMAND_COLUMN.test(n));
    // A troubleshooting table: each row's fix is a step, for the situation its symptom names.
    const trouble = troubleshootingRows(table);
    if (trouble && actionColumn < 0) {
      for (const { row, symptom, fix, fixCell } of trouble) {
        if (fix) steps.push({ text: symptom ? `${symptom}: ${fix}` : fix, commands: fixCell ? inlineCommands(fixCell) : [], cite: cite(section, row.position!.start.line, row.position!.end.line) });
      }
      continue;
    }
    if (actionColumn < 0 || (command < 0 && action < 0)) continue;
    for (const row of rows) {
      const text = clean(plainLine(toString(row.children[actionColumn] ?? row)));
      const commandCell = command >= 0 ? row.children[command] : undefined;
      const written = commandCell ? clean(toString(commandCell)) : '';
      const commands = commandCell && written && (looksLikeCommand(written) || inlineCommands(commandCell).length > 0) ? [inlineCommands(commandCell)[0] ?? written] : inlineCommands(row);
      if (text && !/^\d+$/.test(text)) steps.push({ text, commands, cite: cite(section, row.position!.start.line, row.position!.end.line) });
    }
  }
  return steps;
}

/** A troubleshooting table's rows ("| Symptom | Likely cause | Fix |"), each its symptom and its fix; none for another table. */
function troubleshootingRows(table: Table): Array<{ row: TableRow; symptom: string; fix: string; fixCell?: TableCell }> | undefined {
  const [head, ...rows] = table.children;
  const columns = head ? troubleshootingHeader(head.children.map((cell) => clean(toString(cell)))) : undefined;
  if (!columns) return undefined;
  const text = (cell: TableCell | undefined, row: TableRow) => clean(plainLine(toString(cell ?? row)));
  return rows.map((row) => ({ row, symptom: text(row.children[columns.symptom], row), fix: text(row.children[columns.fix], row), fixCell: row.children[columns.fix] }));
}

/** The situations a troubleshooting table lists, its symptom column: what the reader will see. */
export function troubleshootingSymptoms(section: Section): Array<{ text: string; cite: Citation[] }> {
  return section.tree.children
    .filter((n): n is Table => n.type === 'table')
    .flatMap((table) => troubleshootingRows(table) ?? [])
    .filter(({ symptom }) => symptom)
    .map(({ row, symptom }) => ({ text: symptom, cite: cite(section, row.position!.start.line, row.position!.end.line) }));
}

/** Steps given with explicit markers; each takes the command blocks and command lines under it. */
export function markedSteps(section: Section): Step[] {
  const steps: Array<Step & { from: number; to: number }> = [];
  const markers = section.lines.filter((l) => STEP_MARKER.test(l.text));
  if (markers.length < 2) return [];
  const ends = markers.map((m, i) => (markers[i + 1]?.number ?? Number.MAX_SAFE_INTEGER) - 1);
  markers.forEach((marker, i) => {
    const match = STEP_MARKER.exec(marker.text)!;
    // A heading after the last marker ends its step ("## Rollback").
    const nextHeading = section.parts.find((p) => p.form === 'heading' && p.line > marker.number);
    let end = Math.min(ends[i]!, nextHeading ? nextHeading.line - 1 : Number.MAX_SAFE_INTEGER, section.candidate.endLine);
    // After the last marker, a paragraph of its own (blank line, no indent, no fence) is no part
    // of the step: "Если за 15 минут не получилось — писать в #infra." closes the note.
    if (i === markers.length - 1) {
      const after = section.lines.filter((l) => l.number > marker.number && l.number <= end);
      const own = after.findIndex((l, k) => k > 0 && !after[k - 1]!.text.trim() && /^[^\s`~|>-]/u.test(l.text) && !STEP_MARKER.test(l.text));
      if (own > 0) end = after[own - 1]!.number;
    }
    const nodes = section.tree.children.filter((n) => n.position!.start.line > marker.number && n.position!.end.line <= end);
    const blockLines = section.lines.filter((l) => l.number > marker.number && l.number <= end);
    const fenced = nodes.flatMap((n) => (n.type === 'code' ? [n.value] : fencedCommands(n)));
    // Unfenced: the command lines right under the marker, as one block.
    const unfenced: string[] = [];
    for (const line of blockLines) {
      if (!line.text.trim() || /^\s*(```|-{3,})/.test(line.text)) break;
      unfenced.push(line.text);
    }
    const indent = Math.min(...unfenced.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
    const block = unfenced.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').trim();
    const inline = nodes.flatMap((n) => (n.type === 'code' ? [] : inlineCommands(n)));
    const last = blockLines.filter((l) => l.text.trim()).at(-1)?.number ?? marker.number;
    // "Шаг 1. Остановить реплику: `systemctl stop …`": inline code on the marker's own line.
    const onMarker = [...match[3]!.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!).filter(isInlineCommand);
    const commands = [...onMarker, ...(block ? [block] : []), ...fenced, ...inline];
    // "Шаг 1. Посмотреть статус: kubectl -n ingress get certificate": the command ends the step's line.
    const trailing = commands.length === 0 ? trailingCommand(match[3]!) : undefined;
    const text = trailing ? match[3]!.slice(0, match[3]!.lastIndexOf(trailing)).replace(/\s*(?:[:：]|\s[—–-])\s*$/u, '') : match[3]!;
    // "**Шаг 1.** Убедиться, что кластер готов:" — the colon led to its command block.
    steps.push({ text: clean(text).replace(/[:：]$/, ''), commands: trailing ? [trailing] : commands, cite: cite(section, marker.number, Math.max(marker.number, last)), from: marker.number, to: last });
  });
  return steps.map(({ text, commands, cite: c }) => ({ text, commands, cite: c }));
}

/** The first sentence of these blocks that tells the reader to do something: "Check that …", «Проверьте …», "확인하세요". */
const IMPERATIVE = /^(?:(?:then|and)\s+)?(?:check|inspect|verify|ensure|make sure|follow|run|restart|look|see|use|open|find|review|confirm|contact|escalate|delete|remove|scale|increase|ask|enable|disable|send|move|add|set|create|copy|migrate|trigger|wait|stop|start|switch|rotate|renew|resize|expand|clean|free|purge|drain|reduce|lower|raise|edit|update|apply|upgrade|revert|roll back|проверь\p{L}*|убедит\p{L}*|посмотр\p{L}*|перезапуст\p{L}*|запуст\p{L}*|следу\p{L}*|откр\p{L}*)(?![\p{L}])|(?:하세요|합니다|확인)\.?$/iu;

function instructionIn(nodes: RootContent[]): string | undefined {
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    const sentences = toString(node).replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/);
    // "Another potential cause could be slow disk, inspect the …": the clause after the comma may be it.
    for (const sentence of sentences) {
      // "If this is supported then increase …": the clause after "then" is the instruction.
      const clauses = sentence.trim().split(/,\s+|\s+(?=then\s)/);
      const from = clauses.findIndex((c) => IMPERATIVE.test(c));
      if (from >= 0) return clauses.slice(from).join(', ').replace(/\.$/, '').replace(/^(?:then|and)\s+/i, '');
    }
  }
  return undefined;
}

/** Sibling headings numbered "1.", "2.", … are the steps. */
function numberedHeadings(section: Section, within?: Part): Step[] {
  const headings = section.parts.filter((p) => p.form === 'heading' && /^\s*\d{1,2}[.)]\s+\S/.test(p.label) && (!within || (p.line > within.line && p.line <= (within.endLine ?? 0))));
  if (headings.length < 2) return [];
  const depth = headings[0]!.depth;
  return headings
    .filter((h) => h.depth === depth)
    .map((heading) => {
      const end = heading.endLine ?? section.candidate.endLine;
      const nodes = section.tree.children.filter((n) => n.position!.start.line > heading.line && n.position!.end.line <= end);
      const commands = nodes.flatMap((n) => (n.type === 'code' ? [n.value] : [...fencedCommands(n), ...inlineCommands(n)]));
      return { text: clean(heading.label.replace(/^\s*\d{1,2}[.)]\s*/, '')), commands, cite: cite(section, heading.line, end) };
    });
}

/** The steps one procedure section holds, by the first shape that fits. */
function stepsOfSlot(section: Section, content: SlotContent): Step[] {
  const numbered = content.part.form === 'heading' ? numberedHeadings(section, content.part) : [];
  if (numbered.length > 0) return numbered;
  const nodes = content.nodes;
  const tabled = stepsFromTables(section, nodes);
  if (tabled.length > 0) return tabled;
  // Subsections ("### CLI Checks", "### Defrag"), each a step with its commands. Where there are
  // several, they are the section's branches, and a list inside one ("Example services: cassandra,
  // ceph, …") is part of its branch, not a step of its own.
  const subheadings = section.parts.filter((p) => p.form === 'heading' && content.part.form === 'heading' && p.line > content.part.line && p.line <= (content.part.endLine ?? 0) && p.depth === content.part.depth + 1);
  const listsBeforeBranches = nodes.some((n) => n.type === 'list' && (subheadings.length === 0 || n.position!.start.line < subheadings[0]!.line));
  const ordered = stepsFromLists(section, nodes, true);
  const bullets = stepsFromLists(section, nodes, false);
  // Diagnosis numbered, mitigation as bulleted branches: both are steps, in order.
  if ((ordered.length > 0 || bullets.length > 0) && (subheadings.length < 2 || listsBeforeBranches)) {
    const all = stepsFromLists(section, nodes, 'any');
    return ordered.length > 0 && bullets.every((b) => b.commands.length === 0) ? ordered : all;
  }
  if (subheadings.length > 0) {
    return subheadings.map((heading) => {
      const end = heading.endLine ?? content.part.endLine!;
      const inner = section.tree.children.filter((n) => n.position!.start.line > heading.line && n.position!.end.line <= end);
      const commands = inner.flatMap((n) => (n.type === 'code' ? [n.value] : [...fencedCommands(n), ...inlineCommands(n)]));
      // "### Slow disk issue" with no command: what its text tells to do is the step ("… inspect the Disk Sync Duration dashboard").
      const told = commands.length === 0 ? instructionIn(inner) : undefined;
      return { text: clean(told ? `${heading.label}: ${told}` : heading.label), commands, cite: cite(section, heading.line, end) };
    });
  }
  // Paragraphs, each step the prose and the code block that follows it.
  const steps: Step[] = [];
  for (const node of nodes) {
    const commented = node.type === 'code' ? commentedSteps(section, node) : [];
    if (node.type === 'paragraph') {
      const text = clean(plainLine(toString(node)));
      if (text) steps.push({ text, commands: inlineCommands(node), cite: cite(section, ...nodeLines(node)) });
    } else if (commented.length > 0) {
      steps.push(...commented);
    } else if (node.type === 'code' && steps.length === 0) {
      // A section that is only its commands ("## Check" and a code block): the section names the step.
      steps.push({ text: clean(content.part.label.replace(/[:.]$/, '')), commands: [node.value], cite: cite(section, content.part.line, node.position!.end.line) });
    } else if (node.type === 'code') {
      const last = steps[steps.length - 1]!;
      last.commands.push(node.value);
      last.cite = cite(section, (last.cite[0] as { lines: [number, number] }).lines[0], node.position!.end.line);
    }
  }
  return steps;
}

/**
 * The procedure: marked steps when the note marks them; else its procedure sections (Steps,
 * Diagnosis, Mitigation, Действия, 조치 절차); else numbered headings; else numbered lists; else
 * bulleted lists whose items hold commands.
 */
/** A section named only "check" (Проверка, 확인): by its place, a diagnosis or a verification. */
const CHECK_LABEL = /^(?:checks?|how to check|проверк[аи]|как проверить|확인(?: 방법)?)$/iu;

/**
 * Checks written before the steps are how to diagnose, not how to verify the fix ("Проверка" with
 * the commands that look at the queue, then "Что делать"); the same word after the steps verifies.
 */
/**
 * The sections that hold steps. In a runbook also «Решение» (a decision record's label) and "Fix",
 * "Recovery", «Устранение» (an incident's): there they are the fix, and their steps the procedure's.
 */
function stepSlotsOf(section: Section): Slot[] {
  // In a runbook, "Remediation" (a postmortem's follow-ups) and "Resolution" are what to do.
  return section.candidate.classification.kind === 'runbook' ? [...STEP_SLOTS, 'decision', 'resolution', 'followUps'] : STEP_SLOTS;
}

export function checksBeforeSteps(section: Section): SlotContent[] {
  const firstStep = slotContents(section, stepSlotsOf(section)).find((c) => c.part.form !== 'frontmatter');
  if (!firstStep) return [];
  return slotContents(section, 'verification').filter((c) => c.part.line < firstStep.part.line && CHECK_LABEL.test(c.part.label.trim().replace(/[:.]$/, '')));
}

/** Who to call when the steps do not help, said in a sentence without an "Escalation" heading. */
// Korean words take their endings and particles attached (연락하세요, 당직자에게): no end boundary for them.
export const ESCALATE = /(?<![\p{L}])(?:page|call|contact|notify|escalate|write to|post in|ask in|ping|звонить|позвонить|звоните|позвоните|писать|написать|пиши|напиши|пишите|напишите|связаться|свяжитесь|обратиться|обратитесь|эскалир\p{L}*)(?![\p{L}])|연락|호출|전화|문의|공유(?:하세요|해\s?주세요)|에스컬레이션/iu;
/** Who is escalated to: a role, or a channel or handle ("#infra", "@db-team"). */
export const SOMEONE = /(?<![\p{L}])(?:on-?call|lead|manager|team|secondary|дежурн\p{L}*|руководител\p{L}*|тимлид\p{L}*|команд\p{L}*)(?![\p{L}])|(?<![\w/])[#@][\p{L}\d][\p{L}\d_.-]{1,40}|당직|팀장|온콜|팀(?:에|에게|한테|으로)|담당자|(?<![\p{L}])DBA(?![\p{L}])/iu;

/** A question of an on-call FAQ and its answer, cited to both; whether it asks whom to call. */
export interface AnsweredQuestion {
  question: string;
  answer: string;
  commands: string[];
  cite: Citation[];
  escalates: boolean;
}

/** "Q: One partition is behind. What now?" over "A: Restart its pod: `kubectl …`", each pair of an FAQ. */
const asked = new WeakMap<Section, AnsweredQuestion[]>();

export function answeredQuestions(section: Section): AnsweredQuestion[] {
  // The steps, the escalation and the introduction each ask: read the pairs once.
  let known = asked.get(section);
  if (!known) asked.set(section, (known = readAnswered(section)));
  return known;
}

function readAnswered(section: Section): AnsweredQuestion[] {
  return faqPairs(section.lines.map((l) => l.text)).map((qa) => {
    const [from, to] = [section.lines[qa.questionAt]!.number, section.lines[qa.answerTo]!.number];
    const answer = clean(plainLine(qa.answer));
    const asksWhom = /(?<![\p{L}])(?:escalat\p{L}*|эскалир\p{L}*|эскалаци\p{L}*|who (?:do I|to) (?:call|page|contact)|кому (?:звонить|писать))(?![\p{L}])|에스컬레이션|누구에게/iu.test(qa.question);
    return {
      question: clean(plainLine(qa.question)),
      answer,
      commands: inlineCommandsIn(qa.answer),
      cite: cite(section, from, to),
      escalates: asksWhom || (ESCALATE.test(answer) && SOMEONE.test(answer) && !/`[^`]+`/.test(qa.answer)),
    };
  });
}

/** An FAQ's steps: each question that is no escalation, with its answer ("Lag is growing. Scale the indexer up: …"). */
function faqSteps(section: Section): Step[] {
  const asked = answeredQuestions(section);
  if (asked.filter((qa) => qa.commands.length > 0).length < 2) return [];
  return asked.filter((qa) => !qa.escalates).map((qa) => ({ text: `${/[.?!]$/.test(qa.question) ? qa.question : `${qa.question}.`} ${qa.answer}`, commands: qa.commands, cite: qa.cite }));
}

export function extractSteps(section: Section): Step[] {
  const marked = markedSteps(section);
  if (marked.length >= 2) return marked;
  const slots = [...checksBeforeSteps(section), ...slotContents(section, stepSlotsOf(section)).filter((c) => c.part.form !== 'frontmatter')];
  const fromSlots = slots.flatMap((c) => stepsOfSlot(section, c));
  if (fromSlots.length > 0) return fromSlots;
  const headings = numberedHeadings(section);
  if (headings.length > 0) return headings;
  const tabled = stepsFromTables(section, section.tree.children);
  if (tabled.length > 0) return tabled;
  const ordered = stepsFromLists(section, section.tree.children, true);
  if (ordered.length > 0) return ordered;
  const asked = faqSteps(section);
  if (asked.length > 0) return asked;
  return freeformSteps(section);
}

/** "# 1. Stop the writers", "# Step 2: find the snapshot", "// 3) restore", «# Шаг 4 — …»: a numbered comment in a script. */
const NUMBERED_COMMENT = /^\s*(?:#|\/\/|--|;|REM\s)\s*(?:(?:step|шаг|단계)\s*)?(\d{1,2})\s*(?:[.):—–-]|단계)?\s+(\S.*?)\s*$/iu;

/**
 * A script whose comments number its steps: each numbered comment is a step, the lines under it
 * up to the next one its commands. Fewer than two numbered comments are no procedure of their own.
 */
function commentedSteps(section: Section, code: Code): Step[] {
  const lines = code.value.split('\n');
  const marks = lines.flatMap((line, i) => {
    const m = NUMBERED_COMMENT.exec(line);
    return m ? [{ at: i, text: m[2]! }] : [];
  });
  if (marks.length < 2) return [];
  // The fence's first line is the code's line before its first: line numbers of the source are the block's start + 1 + index.
  const first = code.position!.start.line + 1;
  return marks.map((mark, k) => {
    const end = k + 1 < marks.length ? marks[k + 1]!.at : lines.length;
    const body = lines.slice(mark.at + 1, end);
    const last = mark.at + 1 + body.findLastIndex((l) => l.trim() !== '');
    // The commands as written, without the blank lines and comments between them.
    const commands = body.filter((l) => l.trim() && !/^\s*(?:#|\/\/)/.test(l));
    return { text: clean(mark.text), commands: commands.length ? [commands.join('\n')] : [], cite: cite(section, first + mark.at, first + last) };
  });
}

/** "Check: `curl …` returns ok." after the steps: the verification's label, so no step. */
function checksAfter(section: Section, node: RootContent): boolean {
  const line = node.position!.start.line;
  return section.parts.some((p) => p.line === line && p.form === 'label' && (p.slot === 'verification' || p.slot === 'escalation'));
}

/**
 * A paragraph of lines that each open with a condition («Если …», "If …"): each line that gives a
 * command is a step; one without ("Если через 15 минут … — звонить дежурному") is whom to call.
 * Lines numbered with circled digits ("① …", as Korean and Japanese documents number) are steps each.
 */
function conditionedLines(section: Section, node: RootContent): Step[] {
  const [from, to] = nodeLines(node);
  const lines = section.ctx.parsed.lines.slice(from - 1, to);
  if (lines.length < 2) return [];
  // "① 큐 길이를 확인합니다: `…`", "② …": circled numbers, each line a step, with or without a command.
  const circled = lines.every((l) => CIRCLED_STEP.test(l));
  if (!circled && !lines.every((l) => CONDITION_LINE.test(l))) return [];
  return lines.flatMap((line, i) => {
    const commands = inlineCommandsIn(line);
    // "④ 10분 후에도 줄지 않으면 결제팀 당직에게 연락합니다." is whom to call, not a step.
    const calls = commands.length === 0 && ESCALATE.test(line) && SOMEONE.test(line);
    return commands.length > 0 || (circled && !calls) ? [{ text: clean(plainLine(line.replace(CIRCLED_STEP, ''))), commands, cite: cite(section, from + i) }] : [];
  });
}

const CIRCLED_STEP = /^\s*[①-⑳]\s*/u;

/**
 * A procedure written as prose and bullets ("* Check `tail …`", "If the slot is inactive … run
 * `select pg_drop_replication_slot(…)`"): the lists that hold commands, each item a step, and the
 * paragraphs that hold one; a code block belongs to the step before it.
 */
function freeformSteps(section: Section): Step[] {
  const steps: Step[] = [];
  for (const [index, node] of section.tree.children.entries()) {
    const commented = node.type === 'code' ? commentedSteps(section, node) : [];
    const conditioned = node.type === 'paragraph' ? conditionedLines(section, node) : [];
    if (node.type === 'list') {
      const items = node.children.map((item) => stepFromItem(section, item)).filter((s): s is Step => s !== undefined);
      if (items.some((s) => s.commands.length > 0)) steps.push(...items);
    } else if (conditioned.length >= 2) {
      steps.push(...conditioned);
    } else if (node.type === 'paragraph' && !checksAfter(section, node)) {
      const commands = inlineCommands(node);
      if (commands.length > 0) steps.push({ text: clean(plainLine(toString(node))), commands, cite: cite(section, ...nodeLines(node)) });
    } else if (commented.length > 0) {
      steps.push(...commented);
    } else if (node.type === 'code' && (/^\s*\$\s|^\s*[a-z][\w.-]*\s+-/m.test(node.value) || looksLikeCommand(node.value.split('\n').find((l) => l.trim()) ?? ''))) {
      // "Look at the queue depth:" over a block: the paragraph that introduces a command is its step.
      const previous = section.tree.children[index - 1];
      const last = steps[steps.length - 1];
      const introduced = previous?.type === 'paragraph' && (!last || (last.cite[0] as { lines: [number, number] }).lines[1] < previous.position!.start.line);
      if (introduced) steps.push({ text: clean(plainLine(toString(previous))), commands: [node.value], cite: cite(section, previous.position!.start.line, node.position!.end.line) });
      else if (last) {
        last.commands.push(node.value);
        last.cite = cite(section, (last.cite[0] as { lines: [number, number] }).lines[0], node.position!.end.line);
      }
    }
  }
  return steps;
}

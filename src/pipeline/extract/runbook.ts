import { toString } from 'mdast-util-to-string';
import type { Citation, CitedText, RunbookInput } from '../../schemas/index.ts';
import { ALERT_NAME, firstProse, itemsAfterLabel, labelled, paragraphUnderHeading } from './fields.ts';
import { looksLikeCommand } from '../shell.ts';
import { cite, clean, nodeLines, type Line, type Section } from './section.ts';

type Step = { text: string; commands: string[]; cite: Citation[] };

const ESCALATION = /эскалация|escalation|escalate|уведомить команду|notify the team/;
const VERIFICATION = /проверка результата|verification|verify|как проверить|проверьте/;

/** "# ШАГ 1: Backup (15:00)", "Step 2 — Deploy": explicit step markers in chat answers. */
const STEP_MARKER = /^\s*(?:#+\s*)?(?:\*\*)?(?:ШАГ|Шаг|шаг|STEP|Step|step)\s*(\d+)\s*(?:\*\*)?\s*[:.)—–-]\s*(.+?)\s*(?:\*\*)?$/u;

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
const optionalList = <T>(value: T | undefined): T[] => (value ? [value] : []);

/** Steps given with explicit markers; each takes the command lines that follow it, verbatim. */
function markedSteps(section: Section): Step[] {
  const steps: Step[] = [];
  let current: (Step & { from: number; to: number; block: string[] }) | undefined;
  const close = () => {
    if (!current) return;
    const indent = Math.min(...current.block.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
    const command = current.block.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').trim();
    steps.push({ text: current.text, commands: command ? [command] : [], cite: cite(section, current.from, current.to) });
    current = undefined;
  };
  for (const line of section.lines) {
    const marker = STEP_MARKER.exec(line.text);
    if (marker) {
      close();
      current = { text: clean(marker[2]!), commands: [], cite: [], from: line.number, to: line.number, block: [] };
      continue;
    }
    if (!current) continue;
    if (!line.text.trim() || /^\s*-{3,}\s*$/.test(line.text)) {
      close();
      continue;
    }
    current.block.push(line.text);
    current.to = line.number;
  }
  close();
  return steps;
}

/** Numbered steps of ordered lists, with the code blocks that belong to each, in order. */
function listedSteps(section: Section): Step[] {
  const steps: Step[] = [];
  for (const node of section.tree.children) {
    if (node.type === 'list' && node.ordered) {
      for (const item of node.children) {
        const head = item.children[0];
        const [from, to] = nodeLines(item);
        // Commands pasted under an item without a fence continue its paragraph: split them off by line.
        const headLines = head ? section.ctx.parsed.lines.slice(head.position!.start.line - 1, head.position!.end.line) : [];
        const commandLines = headLines.slice(1).filter(looksLikeCommand).map((l) => l.trim());
        const prose = commandLines.length > 0 ? headLines.filter((l, i) => i === 0 || !looksLikeCommand(l)).join(' ') : head ? toString(head) : '';
        const text = clean(prose.replace(/^\s*\d+[.)]\s*/, '')).replace(/[:：]$/, '');
        // "5. **Эскалация:**" is the escalation list, not a step.
        if (!text || new RegExp(`^(?:${ESCALATION.source}|${VERIFICATION.source})$`, 'iu').test(text)) continue;
        const fenced = item.children.filter((c) => c.type === 'code').map((c) => (c as { value: string }).value);
        steps.push({ text, commands: [...(commandLines.length ? [commandLines.join('\n')] : []), ...fenced], cite: cite(section, from, to) });
      }
    } else if (node.type === 'code' && steps.length > 0) {
      // A code block right after a numbered item (not indented under it) still belongs to that step.
      const last = steps[steps.length - 1]!;
      last.commands.push(node.value);
      const [from] = (last.cite[0] as { lines: [number, number] }).lines;
      last.cite = cite(section, from, node.position!.end.line);
    }
  }
  return steps;
}

/** The service a runbook collection is for, from its introduction ("… для Ringo Uchet.", "for the Billing API"). */
function serviceOf(section: Section): CitedText | undefined {
  const { parsed, noise } = section.ctx;
  for (let n = parsed.bodyStartLine; n < Math.min(parsed.lines.length, parsed.bodyStartLine + 12); n++) {
    if (noise.noiseLines.has(n)) continue;
    const match = /(?:^|[^\p{L}])(?:для|for(?: the)?|сервис[а]?|service)\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})/u.exec(parsed.lines[n - 1] ?? '');
    if (match && !/^(Production|Runbooks?|The)$/.test(match[1]!)) return { text: match[1]!, cite: cite(section, n) };
  }
  return undefined;
}

export function extractRunbook(section: Section, base: Pick<RunbookInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>): RunbookInput {
  const items = (labels: RegExp) => itemsAfterLabel(section, labels).map((i) => ({ text: i.text, cite: cite(section, ...i.lines) }));
  const marked = markedSteps(section);
  const alerts = section.lines.flatMap((line) =>
    /alert|алерт/i.test(line.text) ? [...line.text.matchAll(ALERT_NAME)].map((m) => ({ name: (m[1] ?? m[2])!, cite: cite(section, line.number) })) : [],
  ).filter((alert, i, all) => all.findIndex((a) => a.name === alert.name) === i);
  const warnings = section.lines
    .filter((l) => /^\s*(?:[-*]\s*)?(⚠️?|warning\b|caution\b|внимание\b|важно\b|осторожно\b)/iu.test(l.text))
    .map((l) => ({ text: clean(l.text.replace(/^\s*(?:[-*]\s*)?⚠️?\s*/u, '')), cite: cite(section, l.number) }));
  // RTO/RPO usually stand once for a whole runbook collection: they are taken from anywhere in the source.
  const allLines: Line[] = section.ctx.parsed.lines
    .map((text, i) => ({ number: i + 1, text }))
    .filter((l) => !section.ctx.noise.noiseLines.has(l.number));
  return {
    ...base,
    tags: ['runbook'],
    summary: paragraphUnderHeading(section, /короткий ответ|summary|purpose|назначение|когда применять/) ?? firstProse(section),
    service: serviceOf(section),
    alerts,
    triggers: nonEmpty(items(/triggers?|когда применять|when to use|триггеры/)) ?? optionalList(labelled(section, /triggers?|когда применять|when to use|триггеры/)),
    symptoms: items(/симптомы|symptoms|признаки/),
    steps: marked.length >= 2 ? marked : listedSteps(section),
    warnings,
    escalation: items(ESCALATION),
    verification: items(VERIFICATION),
    recoveryTime: labelled(section, /время восстановления|(?:expected )?recovery time|ожидаемое время(?: восстановления)?|MTTR/),
    rto: labelled(section, /RTO/, allLines),
    rpo: labelled(section, /RPO/, allLines),
  };
}

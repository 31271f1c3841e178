import type { Citation, CitedText, IncidentInput } from '../../schemas/index.ts';
import { duration, firstIsoDate, firstProse, itemsAfterLabel, labelled, resolveRelativeDate, sourceDate } from './fields.ts';
import { cite, clean, type Line, type Section } from './section.ts';

type TimelineEntry = { time: string; event: string; cite: Citation[] };

const TIME = /\b([01]?\d|2[0-3]):([0-5]\d)\b/;

/**
 * "deploy at 14:02 → pool saturated at 14:10 → API timeouts → rollback at 14:47" and
 * "15:00 - Deploy" become timeline entries. A step without a time in such a chain keeps its
 * place after the step before it, with an empty time.
 */
export function timeline(section: Section): TimelineEntry[] {
  const entries: Array<TimelineEntry & { order: string }> = [];
  for (const line of section.lines) {
    const chunks = line.text.split(/\s*(?:→|->|⟶)\s*/);
    const isChain = chunks.length > 1;
    if (!isChain && !TIME.test(line.text)) continue;
    // A lone line must start with its time ("14:02 deploy", "- 14:02 — deploy") to be an event.
    if (!isChain && !/^\s*(?:[-*]\s*)?(?:\*\*)?\[?\s*([01]?\d|2[0-3]):[0-5]\d/.test(line.text)) continue;
    let previous = '';
    for (const chunk of chunks) {
      const match = TIME.exec(chunk);
      const time = match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : '';
      const event = clean(
        chunk
          .replace(/^.*?(timeline(?: points?)?|хронология|таймлайн)\s*:/i, '')
          .replace(match?.[0] ?? '\u0000', '')
          .replace(/[[\]]/g, '')
          .replace(/^[\s\-–—:.*]+/, '')
          .replace(/\s*\b(at|by|around|в|около|к)\s*[.,;]?\s*$/iu, '')
          .replace(/\s*[-–—:.;,]\s*$/, ''),
      );
      if (event) entries.push({ time, event, cite: cite(section, line.number), order: time || previous });
      if (time) previous = time;
    }
  }
  // Ordered by time; untimed steps sort with the step before them (the sort is stable).
  return entries
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map(({ time, event, cite: c }) => ({ time, event, cite: c }));
}

const RESOLVING_STEP = /\b(roll(?:ed)?[ -]?back|revert(?:ed)?|restart(?:ed)?|fail(?:ed)? ?over|hotfix|fix(?:ed)? deployed)\b|откат|перезапуск|восстановлен/iu;
const RECOVERED = /\b(recover(?:y|ed)|resolved|fully operational|back to normal)\b|восстановлен|работает в штатном режиме/iu;

export function extractIncident(section: Section, base: Pick<IncidentInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>): IncidentInput {
  const lines: Line[] = [{ number: section.candidate.titleLine, text: section.candidate.title }, ...section.lines];
  const events = timeline(section);
  const resolvingEvent = events.find((e) => RESOLVING_STEP.test(e.event));
  const recoveredEvent = events.find((e) => RECOVERED.test(e.event));
  const followUps = itemsAfterLabel(section, /(?:open\s+)?follow-?ups|action items|next steps|что сделать|задачи|действия после/).map((item) => ({
    action: item.text,
    // Open unless the author ticked the box ("- [x]").
    status: item.item.checked ? ('done' as const) : ('open' as const),
    cite: cite(section, ...item.lines),
  }));
  const lessons = itemsAfterLabel(section, /lessons?(?: learned)?|уроки|выводы|что мы поняли/).map((i) => ({ text: i.text, cite: cite(section, ...i.lines) }));
  const resolution: CitedText | undefined =
    labelled(section, /resolution|fix|mitigation|решение|исправление|как починили/) ??
    (resolvingEvent ? { text: `${resolvingEvent.event}${resolvingEvent.time ? ` at ${resolvingEvent.time}` : ''}`, cite: resolvingEvent.cite } : undefined);
  return {
    ...base,
    tags: ['incident'],
    date: firstIsoDate(section, lines) ?? relativeDate(section),
    summary: labelled(section, /summary|резюме|кратко|что случилось/) ?? firstProse(section),
    impact: labelled(section, /impact|влияние|последствия/),
    trigger: labelled(section, /trigger|триггер|что запустило/),
    rootCause: labelled(section, /root cause|cause|причина|корневая причина/),
    resolution,
    duration: duration(section, lines),
    status: recoveredEvent || labelled(section, /status|статус/)?.text.match(RECOVERED) ? 'resolved' : 'unknown',
    timeline: events,
    followUps,
    lessons,
  };
}

/** "в четверг", "yesterday": resolved against the date the note was written, marked inferred. */
export function relativeDate(section: Section, lines: Line[] = section.lines) {
  const written = sourceDate(section);
  if (!written) return undefined;
  for (const line of lines) {
    const date = resolveRelativeDate(line.text, written.date);
    if (date) return { text: date, cite: [...cite(section, line.number), ...cite(section, written.line)], inferred: true };
  }
  return undefined;
}

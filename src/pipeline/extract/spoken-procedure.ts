/**
 * A procedure told aloud ("okay so this is how you deal with the lag alert … first thing, don't
 * restart the replica … you cancel that query with pg_cancel_backend … if it's still over thirty
 * minutes, page the DBA"): no lists and no code blocks, only sentences in the order of the work.
 * Each sentence is a step, a warning, a check that it worked or whom to call; commands are the
 * ones said verbatim ("смотришь df -h", "командой find /var/log/nginx -name "*.gz" -mtime +7 -delete").
 */
import type { CitedText } from '../../schemas/index.ts';
import { HOW_TO_SAID, WARNED_ALOUD } from '../classify.ts';
import { spokenCommands } from '../shell.ts';
import { cite, clean, shorten, type Section } from './section.ts';
import type { Step } from './steps.ts';

const ESCALATED = /(?<![\p{L}])(?:page|call|escalate|ping|пиши|напиши|звони|позвони|эскалир\p{L}*|позови)(?![\p{L}])|연락|전화\s?(?:주세요|하세요|드리세요|해\s?주세요)/iu;
const IF_NOT = /(?<![\p{L}])(?:if|otherwise|если|иначе)(?![\p{L}])|않으면|안\s?\S*면/iu;
const VERIFIED = /(?<![\p{L}])(?:you know it'?s (?:fixed|done|ok(?:ay)?)|it'?s fixed when|make sure|check that|проверь,? что|убедись|(?:алерт|alert) (?:погаснет|гаснет|clears|should clear|resolves))(?![\p{L}])|확인하세요/iu;

/** A sentence that tells what to do: a command, an order of work, "you run …", «смотришь …», «проверь …». */
const INSTRUCTS = /(?<![\p{L}])(?:you(?:'ll)? (?:run|check|cancel|restart|kill|look|open|go|ssh|delete|remove|scale|find|switch|fail over|wait)|what you do|run|check|cancel|restart|delete|first(?: thing)?|then|after that|if it'?s|заходишь|смотришь|проверяешь|проверь\p{L}*|запусти\p{L}*|удали\p{L}*|выполни\p{L}*|перезапусти\p{L}*|сначала|потом|после этого|затем|если)(?![\p{L}])|먼저|확인합니다|실행합니다/iu;
/** "when the X alert fires it means …", «когда горит алерт …»: what sets the procedure off. */
const WHEN_ALERT = /(?<![\p{L}])(?:when|if|когда|если)(?![\p{L}]).{0,60}(?:alert|алерт|горит)/iu;

export interface SpokenProcedure {
  title?: CitedText;
  triggers: CitedText[];
  steps: Step[];
  warnings: CitedText[];
  escalation: CitedText[];
  verification: CitedText[];
}

/** Each section's procedure: its title and its fields ask for it, and it is read once. */
const read = new WeakMap<Section, SpokenProcedure>();

/** The sentences of a transcript read as a procedure, in the order they were said. */
export function spokenProcedure(section: Section): SpokenProcedure {
  let known = read.get(section);
  if (!known) read.set(section, (known = readProcedure(section)));
  return known;
}

function readProcedure(section: Section): SpokenProcedure {
  const sentences = section.lines.flatMap((line) =>
    line.text
      .split(/(?<=[.!?])\s+(?=\S)/u)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => ({ text, line: line.number })),
  );
  const out: SpokenProcedure = { triggers: [], steps: [], warnings: [], escalation: [], verification: [] };
  const said = (s: { text: string; line: number }): CitedText => ({ text: clean(s.text.replace(/^(?:and|so|и|а|ну)\s+/iu, '')).replace(/^\p{Ll}/u, (c) => c.toUpperCase()), cite: cite(section, s.line) });
  for (const [i, sentence] of sentences.entries()) {
    const how = HOW_TO_SAID.exec(sentence.text);
    if (i === 0 && how && /\p{Script=Hangul}/u.test(how[0])) {
      // "네 그 결제 워커가 멈췄을 때 하는 방법 말씀드릴게요": Korean says what it is for before "방법".
      const what = sentence.text.slice(0, how.index + how[0].length).replace(/^(?:(?:네|음|그|자|어)\s+)+/u, '');
      out.title = { text: shorten(what, 120), cite: cite(section, sentence.line) };
      // "…멈췄을 때": when to use it.
      const when = /^(.+?(?:을|ㄹ|는)?\s?때)(?=\s)/u.exec(what);
      if (when) out.triggers.push({ text: when[1]!, cite: out.title.cite });
      continue;
    }
    if (i === 0 && how) {
      // "okay so this is how you deal with the X alert, because I keep getting asked": what it is for.
      const what = sentence.text.slice(how.index).replace(/^(?:this is |here'?s )/iu, '').replace(/,\s+(?:because|since|потому что|так как)\s.*$/iu, '').replace(/[.!]$/, '');
      // "how you deal with …" is said to someone; as a title it is how to.
      out.title = { text: shorten(what.replace(/^how (?:you|we) /i, 'how to ').replace(/^\p{Ll}/u, (c) => c.toUpperCase()), 120), cite: cite(section, sentence.line) };
      // «как разбираться, когда горит алерт DiskSpaceLow …»: what it is for says what sets it off.
      if (WHEN_ALERT.test(what)) out.triggers.push({ text: out.title.text, cite: out.title.cite });
      continue;
    }
    const commands = spokenCommands(sentence.text);
    if (WARNED_ALOUD.test(sentence.text) && commands.length === 0) out.warnings.push(said(sentence));
    else if (ESCALATED.test(sentence.text) && IF_NOT.test(sentence.text)) out.escalation.push(said(sentence));
    else if (VERIFIED.test(sentence.text)) out.verification.push(said(sentence));
    else if (commands.length > 0 || (INSTRUCTS.test(sentence.text) && !WHEN_ALERT.test(sentence.text))) out.steps.push({ text: said(sentence).text, commands, cite: cite(section, sentence.line) });
    else if (WHEN_ALERT.test(sentence.text)) out.triggers.push(said(sentence));
  }
  return out;
}

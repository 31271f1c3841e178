/**
 * Noise: lines that a tool, not the author, put into a note. They are kept in the source page
 * (line numbers must match the inbox file) but never reach a document. Each rule is named so the
 * run report can say which one fired; each describes a convention of the tools people paste from
 * (AI-summary pages, chat clients, speech recognisers), not the wording of one page.
 */
export interface NoiseRule {
  name: string;
  /** A cheap test a line must pass before the rule's own (most lines fail it). */
  gate?: RegExp;
  /** Why the rule exists (shown by `--explain`, and a reminder for the next reader). */
  why: string;
  test: (line: string) => boolean;
}

/** The line that opens a table of contents or a section navigator. */
const CONTENTS_LINE = /^\s*(?:#{1,6}\s*)?(?:\*\*)?(Sections at a glance|Table of contents|Contents|Jump to section|Document Sections|In this (?:document|summary)|Содержание|Оглавление|Разделы|목차|섹션 바로가기|섹션)(?:\*\*)?\s*[:：]?\s*$/iu;

/** Kind words as summary UIs name their sections. */
const KIND_WORD = String.raw`(?:Post-?mortems?|Incidents?|ADRs?|Decisions?|Runbooks?|Playbooks?|Постмортем\p{L}*|Инцидент\p{L}*|Решени\p{L}*|Ранбук\p{L}*|사후 분석|장애 보고서|런북|결정|의사결정)`;

const isCountBadge = (line: string) => new RegExp(`^\\s*${KIND_WORD}\\s*\\d+\\s*$`, 'iu').test(line);

/** "Confidence: High", "신뢰도 보통", "Уверенность: высокая": a badge, alone on its line. */
const CONFIDENCE_BADGE = /^\s*(?:Confidence|Уверенность|Достоверность|신뢰도)\s*[:：]?\s*(?:High|Medium|Low|высокая|средняя|низкая|높음|보통|낮음)\s*$/iu;

export const NOISE_RULES: NoiseRule[] = [
  {
    name: 'ai-summary-chrome',
    gate: /AI|ИИ|신뢰도|원본|출처|Confidence|Уверенность|Достоверность|нейросет/i,
    why: 'AI summary pages paste their header: an "AI generated" label with a confidence badge, editor and age, joined by "·"',
    test: (line) =>
      /(?:^|[\s·✨])(?:AI[ -]generated|generated (?:by|with) (?:AI|ChatGPT|Copilot|Gemini|Claude|Notion AI)|AI 생성|(?:Notion )?AI로 생성됨|Сгенерировано (?:ИИ|AI|нейросетью)|ИИ-сводка)/iu.test(line) ||
      // "AI 요약 · 방금 전", "AI summary · just now", «Сводка ИИ · только что»: the block's label and its age.
      /^\s*(?:AI (?:요약|summary)|Сводка ИИ)\s*(?:·|$)/iu.test(line) ||
      /신뢰도\s*(?:높음|보통|낮음)|원본 요약|출처 클릭|Document Sections\s*AI|^\s*AI\s*·/u.test(line) ||
      CONFIDENCE_BADGE.test(line),
  },
  {
    name: 'contents-heading',
    why: 'the line that opens a table of contents or a section navigator is not content',
    test: (line) => CONTENTS_LINE.test(line),
  },
  {
    name: 'breadcrumb',
    gate: /[›»]/,
    why: 'a pasted page starts with the path of folders it lives in: "Workspace › Ops knowledge › Q2 reviews"',
    test: (line) => /^\s*[^›»\n]{1,40}(?:\s[›»]\s[^›»\n]{1,40}){1,5}\s*$/u.test(line),
  },
  {
    name: 'button-row',
    gate: /\s{3}/,
    why: 'a row of UI buttons pastes as short words apart by runs of spaces ("Share   Copy   Regenerate   ⋯")',
    test: (line) => /^\s*(?:[\p{L}\p{Extended_Pictographic}⋯…]+(?: [\p{L}]+){0,2})(?:\s{3,}(?:[\p{L}\p{Extended_Pictographic}⋯…]+(?: [\p{L}]+){0,2})){2,}\s*$/u.test(line) && !/[.:;,]/.test(line),
  },
  {
    name: 'feedback-prompt',
    gate: /👍|👎|\?/u,
    why: 'summary and chat UIs end with a rating widget: a question followed by thumbs up and down',
    test: (line) => /(?:👍|👎)\s*(?:👍|👎)\s*$/u.test(line) || /^\s*[^.!\n]{2,60}\?\s*(?:Yes\s+No|Да\s+Нет|예\s+아니오)\s*$/iu.test(line),
  },
  {
    name: 'citation-hint',
    gate: /·/,
    why: 'summary UIs tell how many sources they used and that a citation opens the original',
    test: (line) => /^\s*(?:Sources?\s*\(\d+\)|Источник\p{L}*\s*\(\d+\)|출처\s*\d+\s*개)\s*·/iu.test(line),
  },
  {
    name: 'section-navigator',
    gate: /·/,
    why: 'a summary UI lists the kinds of its sections as one line of links: "Postmortem · ADR · Runbook"',
    test: (line) => new RegExp(`^\\s*${KIND_WORD}(?:\\s*·\\s*${KIND_WORD})+\\s*$`, 'iu').test(line),
  },
  {
    name: 'contents-entry',
    gate: /\]\(#/,
    why: 'a table of contents is a list of links to the sections below: "- [Impact](#impact)"',
    test: (line) => /^\s*(?:[-*+]|\d+[.)])?\s*\[[^\]]+\]\(#[^)]*\)\s*$/.test(line),
  },
  {
    name: 'section-count-badge',
    why: 'summary UIs show a count after each section kind ("Postmortem1", "ADR1", "Runbook1")',
    test: isCountBadge,
  },
  {
    name: 'chat-command',
    gate: /\//,
    why: 'a chat transcript often ends with the next prompt the user typed, such as "> /init"',
    test: (line) => /^\s*>?\s*\/[a-z][\w-]*\s*$/i.test(line),
  },
];

/**
 * Speech recognisers and chat UIs end a text with a short trailing line that nobody said or
 * wrote: "Продолжение следует...", "Thanks for watching!", "Ask a follow-up…".
 */
const TRAILING_ARTEFACT = /^\s*(?:[\p{L}\p{N}-]+\s?){1,4}(?:…|\.{3})\s*$|^\s*(?:thanks for watching|subtitles by|продолжение следует|спасибо за просмотр|субтитры)[^\n]{0,30}$/iu;

/**
 * What a chat assistant says around its answer, pasted with it: "Sure! Here's a summary of the
 * incident:", «Конечно! Вот краткое резюме:», "네, … 정리했습니다." before it; "Let me know if you'd like …", «Если
 * хотите, могу оформить …» after it. Only as the first or the last line of a text.
 */
const ASSISTANT_OPENER = new RegExp(
  [
    // "Sure! …:", «Конечно! Вот …:»
    String.raw`^\s*(?:sure|certainly|of course|absolutely|great question|конечно|разумеется|безусловно|отлично|물론(?:입니다|이죠)?)\s*[!,.—–-]\s*[^\n]{0,140}[:：]\s*$`,
    // "Here's a summary of the incident based on the thread you shared:", «Вот разбор:», "다음은 …입니다:"
    String.raw`^\s*(?:here(?:'s| is| are)|below is|вот|ниже|다음은|아래는)\s[^\n]{0,140}(?:[:：]|\s(?:👇|⬇️?|🔽)\uFE0F?)\s*$`,
    // "Here's a clean postmortem you can paste into Notion", «Вот текст, который можно вставить в Confluence»: handed over to paste.
    String.raw`^\s*(?:here(?:'s| is| are)|below is|вот|ниже)\s[^\n]{0,100}(?:you can (?:paste|copy|drop|put)|ready to (?:paste|copy|share)|можно (?:вставить|скопировать))[^\n]{0,60}$`,
    // "Sure! Here's a structured postmortem based on the notes you shared.", «Вот разбор по сообщениям, которые вы прислали.»:
    // a sentence, not a colon, that says what it is made from.
    String.raw`^\s*(?:(?:sure|certainly|of course|absolutely|great|okay|конечно|разумеется|безусловно|отлично|хорошо)\s*[!,.—–-]\s*)?(?:here(?:'s| is| are)|below is|I'?ve (?:put together|drafted|written|summari[sz]ed)|вот|ниже|я (?:составил|подготовил|оформил|собрал))\s[^\n]{0,140}?(?:you (?:shared|provided|sent|pasted|gave|asked for|requested)|your (?:notes|thread|messages|input|request)|(?:based on|from) (?:the|these|this) (?:notes|thread|messages|chat|conversation|details|information)|(?:которые|который|которую|что) вы (?:прислали|скинули|дали|отправили|просили)|ваш\p{L}* (?:заметк\p{L}*|сообщени\p{L}*))[^\n]{0,60}[.!:：]\s*$`,
    // "네, 공유해주신 내용을 바탕으로 장애 내용을 정리했습니다."
    String.raw`^\s*(?:네|예|알겠습니다|좋습니다)[,.!]?\s+[^\n]{0,140}(?:정리|요약)(?:했|해\s?드|하면|하였)[^\n]{0,30}$`,
    // "다음은 공유해 주신 메모를 바탕으로 정리한 장애 요약입니다."
    String.raw`^\s*(?:다음은|아래는|아래 내용은)\s[^\n]{0,140}(?:정리|요약|작성)[^\n]{0,40}(?:입니다|했습니다)[.!]?\s*$`,
    // "다음은 요청하신 Redis 메모리 부족 대응 런북입니다.": what was asked for, handed over.
    String.raw`^\s*(?:다음은|아래는|여기)\s(?:[^\n]{0,40}\s)?(?:요청하신|말씀하신|원하신|부탁하신)\s[^\n]{0,140}(?:입니다|이에요|예요)[.!]?\s*$`,
  ].join('|'),
  'iu',
);
const ASSISTANT_CLOSER =
  /^\s*(?:let me know\b|hope this helps|would you like me|want me to|shall I\b|(?:if you(?:'d)? (?:like|want)|если (?:хотите|нужно|надо)|хотите|필요하시면|원하시면)[^\n]{0,40}?(?<![\p{L}])(?:I can|I could|I'll|могу|я могу|сделаю|оформлю|подготовлю|드릴|드리겠)|надеюсь,? это (?:поможет|помогло)|도움이 되(?:었|셨)|더 필요하신|(?:추가로\s)?(?:필요한|더 필요한|궁금한)\s[^\n]{0,30}(?:말씀해|알려)\s?주세요)[^\n]{0,200}$/iu;

/** A line that is only the name of an upstream file, e.g. "Engineering — Incidents & Decisions.md". */
const FILE_LABEL = /^\s*([^\n/\\]{1,120}\.(?:md|markdown|txt|docx?|pdf|rtf|org))\s*$/i;
/** The same name at the end of a line, after a claim it is the citation of. */
const TRAILING_FILE = /\s((?:[^\s/\\.][^\n/\\]{0,118}?)\.(?:md|markdown|txt|docx?|pdf|rtf|org))\s*$/i;

export interface NoiseReport {
  /** Line number → rule name for every noise line. */
  noiseLines: Map<number, string>;
  /** Line number → the line with a trailing upstream-file citation removed. */
  cleanedLines: Map<number, string>;
  /** The upstream file the text cites as its origin, if any. */
  origin?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A heading-like line of a table of contents block, ended by the first real section. */
export const KIND_HEADING = /^\s*(Postmortem|Post-mortem|Incident|ADR[-\s]?\d+|Runbook|Постмортем|Инцидент|Ранбук|사후 분석|장애 보고서|런북)(?![\p{L}\d])\s*[—–:-]\s+\S/iu;

/**
 * The upstream file a pasted summary cites after its claims: a file name that stands alone on a
 * line or ends several lines. Found by repetition, so a file named once in prose is not it.
 */
function upstreamFile(lines: string[], firstLine: number): string | undefined {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const ends = /\.(?:md|markdown|txt|docx?|pdf|rtf|org)\s*$/i;
  lines.forEach((line, index) => {
    if (index + 1 < firstLine || !ends.test(line)) return;
    // A line that is only a file name: no sentence in it, a few words at most.
    const alone = FILE_LABEL.exec(line);
    if (alone && !/[.;:!?,]\s/.test(alone[1]!) && alone[1]!.trim().split(/\s+/).length <= 8) return add(alone[1]!.trim());
    const trailing = TRAILING_FILE.exec(line);
    if (!trailing) return;
    // The name may be several words long: take the longest tail that other lines end with too.
    const words = line.trimEnd().split(/\s+/);
    for (let n = Math.min(words.length, 8); n >= 1; n--) {
      const tail = words.slice(-n).join(' ');
      if (/^[\p{L}\p{N}]/u.test(tail) && FILE_LABEL.test(tail)) add(tail);
    }
  });
  const repeated = [...counts.entries()].filter(([, n]) => n >= 2);
  // Of names seen equally often, the longer is the whole name ("Ops Review Q2.md" is its tail).
  return repeated.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0];
}

/**
 * A thread posted in parts ("1/ Yesterday …", "2/ At 13:05 …", or "1/5 … 2/5 …"): the numbers count
 * the posts, they are not the author's words. Three or more, counted up from 1 with one total (or
 * none), so a date ("11/25 deploy") is never one.
 */
function numberedPosts(lines: string[], firstLine: number, codeLines: Set<number>, noiseLines: Map<number, string>, cleanedLines: Map<number, string>): void {
  const posts: Array<{ lineNumber: number; marker: string; part: number; total: string }> = [];
  for (let index = firstLine - 1; index < lines.length; index++) {
    const match = /^\s*(\d{1,2})\/(\d{1,2})?\s+(?=\S)/.exec(lines[index]!);
    if (match && !codeLines.has(index + 1) && !noiseLines.has(index + 1)) posts.push({ lineNumber: index + 1, marker: match[0], part: Number(match[1]), total: match[2] ?? '' });
  }
  if (posts.length < 3 || posts.some((p, i) => p.part !== i + 1 || p.total !== posts[0]!.total)) return;
  for (const post of posts) cleanedLines.set(post.lineNumber, (cleanedLines.get(post.lineNumber) ?? lines[post.lineNumber - 1]!).slice(post.marker.length));
}

/**
 * Finds the noise lines of a text. `firstLine` is where the body starts (frontmatter lines
 * are metadata, not noise). Lines inside fenced code are never noise.
 */
export function findNoise(lines: string[], firstLine = 1, codeLines: Set<number> = new Set()): NoiseReport {
  const noiseLines = new Map<number, string>();
  const cleanedLines = new Map<number, string>();

  const origin = upstreamFile(lines, firstLine);
  const trailingOrigin = origin ? new RegExp(`\\s*${escapeRegExp(origin)}\\s*$`) : null;

  let inContents = false;
  for (let index = firstLine - 1; index < lines.length; index++) {
    const lineNumber = index + 1;
    if (codeLines.has(lineNumber)) continue;
    const line = lines[index]!;
    if (origin && line.trim() === origin) {
      noiseLines.set(lineNumber, 'upstream-file-label');
      continue;
    }
    const rule = NOISE_RULES.find((r) => (!r.gate || r.gate.test(line)) && r.test(line));
    if (CONTENTS_LINE.test(line)) inContents = true;
    else if (inContents && !line.trim()) inContents = false;
    else if (inContents && KIND_HEADING.test(line)) {
      // A summary's table of contents lists each section after a count badge ("ADR1"); the first
      // kind heading that follows real text instead of a badge is the start of the content.
      const previous = lines
        .slice(firstLine - 1, index)
        .reverse()
        .find((l) => l.trim() !== '' && l.trim() !== origin);
      if (!previous || !isCountBadge(previous)) inContents = false;
    }
    if (rule) noiseLines.set(lineNumber, rule.name);
    else if (inContents && line.trim()) noiseLines.set(lineNumber, 'table-of-contents');
    else if (trailingOrigin && trailingOrigin.test(line)) cleanedLines.set(lineNumber, line.replace(trailingOrigin, ''));
  }
  numberedPosts(lines, firstLine, codeLines, noiseLines, cleanedLines);
  // Trailing artefacts and an assistant's offer: the last non-empty line of the text.
  for (let index = lines.length - 1; index >= firstLine - 1; index--) {
    const line = lines[index]!;
    if (!line.trim() || noiseLines.has(index + 1)) continue;
    if (!codeLines.has(index + 1) && TRAILING_ARTEFACT.test(line)) noiseLines.set(index + 1, 'trailing-artefact');
    else if (!codeLines.has(index + 1) && ASSISTANT_CLOSER.test(line)) noiseLines.set(index + 1, 'assistant-closer');
    break;
  }
  // An assistant's lead-in: the first non-empty line.
  for (let index = firstLine - 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trim() || noiseLines.has(index + 1)) continue;
    if (!codeLines.has(index + 1) && ASSISTANT_OPENER.test(line)) noiseLines.set(index + 1, 'assistant-opener');
    break;
  }
  return { noiseLines, cleanedLines, origin };
}

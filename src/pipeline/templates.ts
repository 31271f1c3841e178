/**
 * Templates: the section names and labels of the document forms people use, in English,
 * Russian and Korean. A label ("## Root Causes", "**Серьёзность:** SEV-2", "| Status | Accepted |",
 * "언제 사용하나") names a *slot*; classification counts which kind's slots a candidate has, and
 * extraction reads each field from its slot. Sources of the section names:
 * - postmortems: Google SRE (Summary, Impact, Root Causes, Trigger, Resolution, Detection, Action
 *   Items, Lessons Learned, Timeline), PagerDuty (Overview, What Happened, Responders, Messaging),
 *   Atlassian (Incident summary, Leadup, Fault, Detection, Response, Recovery, Five whys, Corrective
 *   actions), a cloud provider's post-incident review asked as questions (What happened?, What went
 *   wrong and why?, How did we respond?, How are we making incidents like this less likely?), and the Russian and Korean equivalents engineers write (Кратко, Влияние, Причина,
 *   Хронология, Задачи, Выводы; 개요, 영향, 근본 원인, 타임라인, 후속 조치, 교훈);
 * - ADRs: MADR 2–4 (Context and Problem Statement, Decision Drivers, Considered Options, Decision
 *   Outcome, Pros and Cons of the Options, Confirmation), Nygard (Status, Context, Decision,
 *   Consequences), metadata tables (Status, Date, Deciders, Supersedes);
 * - runbooks: alert runbooks (Meaning, Impact, Diagnosis, Mitigation), Symptoms/Steps/Escalation,
 *   verification, RTO/RPO, owner and last-verified lines.
 */
export type DocumentKind = 'incident' | 'adr' | 'runbook';

export type Slot =
  | 'summary' | 'whatHappened' | 'fault' | 'impact' | 'rootCause' | 'trigger' | 'resolution' | 'detection' | 'timeline' | 'followUps'
  | 'lessons' | 'contributingFactors' | 'whatWentWell' | 'whatWentWrong' | 'luck' | 'fiveWhys' | 'responders'
  | 'response' | 'severity' | 'status' | 'date' | 'duration' | 'incidentId' | 'commander' | 'author' | 'stats'
  | 'timeToDetect' | 'timeToRecover' | 'messaging'
  | 'context' | 'decision' | 'options' | 'drivers' | 'consequences' | 'positive' | 'negative' | 'prosCons'
  | 'deciders' | 'supersedes' | 'supersededBy' | 'adrNumber' | 'whyNot' | 'confirmation' | 'goals' | 'risks'
  | 'tradeoffs' | 'proposal' | 'rationale'
  | 'meaning' | 'symptoms' | 'triggers' | 'steps' | 'diagnosis' | 'mitigation' | 'verification' | 'escalation'
  | 'rollback' | 'prerequisites' | 'warning' | 'rto' | 'rpo' | 'recoveryTime' | 'owner' | 'lastVerified'
  | 'service' | 'alert' | 'contacts'
  | 'overview' | 'ticketField' | 'comments' | 'contents' | 'entities' | 'references' | 'attendees' | 'mailFrom' | 'mailTo' | 'mailSubject' | 'mailDate'
  | 'moment';

interface SlotLabel {
  slot: Slot;
  /** Matched against a normalised label from its start (`normalizeLabel`). */
  pattern: RegExp;
  /** How much a label of this slot says about each kind. */
  weight: Partial<Record<DocumentKind, number>>;
}

const label = (slot: Slot, pattern: RegExp, weight: SlotLabel['weight']): SlotLabel => ({ slot, pattern, weight });

/**
 * The labels, most specific first: "decision drivers" before "decision", "root cause" before
 * "cause". Russian entries are stems, so every case form of a word matches.
 */
export const SLOT_LABELS: SlotLabel[] = [
  // ── postmortems ──
  label('summary', /^(incident summary|executive summary|issue summary|summary|one-line summary|one-liner|tl;?dr|한 ?줄 요약|세 ?줄 요약|short answer|in short|key points|key facts|at a glance|ключевые моменты|основные моменты|главное|основное|핵심 요약|короткий ответ|если коротко|вкратце|overview of the incident|краткое описание|кратк\p{L}* (?:резюме|сводка|итог\p{L}*)|кратко|коротко|резюме|сводка|описание инцидента|요약|사건 개요|장애 요약|장애 개요|인시던트 요약)/u, { incident: 2, runbook: 0.5 }),
  label('whatHappened', /^(what happened|narrative|incident narrative|description of (?:the )?(?:event|incident|outage|issue)|(?:event|incident|outage) description|описание (?:события|сбоя|аварии)|problem(?: description)?$|the problem$|что случилось|что произошло|что было|как это было|무슨 일이 있었나|경위|장애 내용|장애 현상|현상)/u, { incident: 2 }),
  label('impact', /^(customer impact|user impact|business impact|impact|(?:detailed )?description of (?:the )?impact|who was affected|what broke|what was broken|무엇이 (?:고장났나|문제였나|잘못됐나)|что сломалось|что отвалилось|влияние|пострадал[а-яё]*|кого затронуло|чем (?:это )?грозит|последствия для (?:пользователей|клиентов|бизнеса)|ущерб|что видели (?:люди|пользователи|клиенты)|кого задело|영향|피해)/, { incident: 2, runbook: 1 }),
  label('whyNot', /^(why not(?: the)? other(?: options)?|why the neglected options lost|rejected options|почему не (?:другие|остальные)(?: варианты)?|почему не|отклон[её]нные варианты|기각된 대안)/u, { adr: 3 }),
  label('contributingFactors', /^(contributing factors?|способствующ\p{L}* факторы|сопутствующ\p{L}* факторы|기여 요인)/u, { incident: 3 }),
  label('rootCause', /^(root causes?(?: analysis)?|rca|what went wrong and why|causes?|what caused (?:it|the \p{L}+)|cause of the \p{L}+|why it happened|why did (?:it|this|that) happen|why did (?:it|the \p{L}+) (?:fail|break|go down)|왜 발생했(?:나|나요|는가)|원인은 무엇(?:인가|이었나)|корнев\p{L}* причин\p{L}*|коренн\p{L}* причин\p{L}*|первопричин\p{L}*|основн\p{L}* причин\p{L}*|причин\p{L}*|почему (?:это )?(?:случилось|произошло)|почему|근본 원인|(?:장애|발생) 원인|원인)/u, { incident: 3 }),
  label('fault', /^(fault|what went wrong technically|сбой в системе)$/u, { incident: 3 }),
  label('trigger', /^(trigger|leadup|lead-up|триггер|что запустило|спусковой крючок|트리거|발단)/u, { incident: 3 }),
  label('timeToDetect', /^(time to detect(?:ion)?|ttd|mttd|detection delay|delay to detection|время обнаружения|탐지 시간)/u, { incident: 3 }),
  label('detection', /^(detection|detected (?:by|via|through)|detection method|how (?:we|it was) (?:found|detected|noticed)|как (?:обнаружили|узнали|заметили)|обнаружение|узнали|탐지|감지|인지)/u, { incident: 3 }),
  label('response', /^(response|incident response|how did we respond|how we responded|реагирование|ход работ|대응 과정)/u, { incident: 2 }),
  label('resolution', /^(resolution(?: and recovery)?|remediation and prevention|recovery|resolution & recovery|how (?:we|it was) fixed|how did we (?:fix|resolve|mitigate|recover)(?: it| this| from it)?|how was it (?:fixed|resolved|mitigated)|어떻게 (?:해결|복구|조치)했(?:나|나요|는가)|fix|fixed by|remedy|как (?:восстанавливали|восстановили|починили|устранили|чинили|исправили|исправляли)|восстановление сервиса|решение проблемы|устранение|что сделали|починили|принятые меры|предпринятые (?:меры|действия)|обходное решение|постоянное решение|workaround|(?:permanent|temporary|interim) (?:fix|resolution|solution)|해결|복구|조치 (?:내용|사항|내역)|대응 내용|임시 조치|영구 조치)/u, { incident: 3 }),
  label('timeline', /^(timeline(?: points?)?|time ?line|chronology|sequence of events|milestones|key (?:timestamps|moments|events|times)|хронология|таймлайн|ход событий|타임라인|경과|시간순)/u, { incident: 3 }),
  label('followUps', /^(action items?|to-?dos?|follow-?ups?(?: and action items)?|open follow-?ups|corrective(?: and prevent(?:at)?ive)? (?:actions?|measures)|remediation(?: items)?|preventive (?:actions|measures)|prevention|improvements|action plan|next steps|what we(?:'| a)re (?:doing|changing|going to do)|what we(?:'ll| will) (?:do|change)|what (?:will|do|should) we (?:do|change)(?: to (?:prevent|avoid|stop)[\p{L}' ]*)?|(?:the )?changes we(?:'| a)re making|what(?:'s| is) next|going forward|moving forward|how we(?:'| a)re preventing|we(?:'re| are| will| have) tak(?:e|ing|en) the following (?:actions|steps|measures)[\p{L}' ]*|how (?:are|will|do|can) we (?:making|make|prevent|reduc|avoid|stop)[\p{L}' ]*|preventing (?:this|it|recurrence)|что (?:мы )?(?:меняем|изменим)|дальнейшие (?:шаги|действия)|향후 (?:계획|조치)|개선 계획|향후 대책|recommendations|рекомендации|предложения по (?:улучшению|предотвращению)|preventive actions?|preventative actions?|задачи|что (?:сделаем|делаем|будем делать|делать дальше|дальше|надо сделать|нужно сделать|сделать|доделать|улучшить)|план (?:действий|работ)|улучшения|действия после\p{L}*|корректирующ\p{L}* (?:действия|меры)|превентивн\p{L}* меры|меры по предотвращению|меры|후속 조치|재발 방지(?: 대책)?|개선 (?:사항|과제)|액션 아이템)/u, { incident: 3 }),
  label('whatWentWell', /^(what went well|what went right|what worked|things that went well|что (?:помогло|сработало|прошло хорошо|пошло хорошо|получилось)|잘된 점|잘한 점)/u, { incident: 3 }),
  label('whatWentWrong', /^(what went wrong|what didn'?t (?:work|go (?:so |very )?well)|what went (?:badly|poorly)|what could (?:have gone|be done|go) better|things that went wrong|что (?:пошло не так|пошло плохо|не сработало|прошло плохо|не получилось|можно (?:было )?улучшить)|아쉬운 점|아쉬웠던 점|잘못된 점|개선할 점)/u, { incident: 3 }),
  label('luck', /^(where we got lucky|что повезло|в ч[её]м повезло)/u, { incident: 3 }),
  label('lessons', /^(lessons?(?: learned| learnt)?|takeaways|learnings|выводы|уроки|итоги|главный вывод|что мы поняли|교훈|배운 점|시사점)/u, { incident: 3 }),
  label('fiveWhys', /^(five whys|5 whys|пять почему|5 почему)/u, { incident: 3 }),
  label('responders', /^(responders|participants|incident team|участники инцидента|담당자)/u, { incident: 2 }),
  label('commander', /^(incident commander|commander|incident (?:lead|manager|owner)|lead$|ic|руководитель инцидента|координатор)/u, { incident: 3 }),
  label('messaging', /^(messaging|communications?|internal|external|коммуникаци\p{L}*)/u, { incident: 1 }),
  label('stats', /^(stats|statistics|metrics|статистика)$/u, { incident: 1 }),
  label('timeToRecover', /^(time to (?:recover(?:y)?|resolve|mitigate)|ttr|mttr|время восстановления сервиса)/u, { incident: 3 }),
  label('duration', /^(duration|total (?:impact )?duration|outage duration|длительность|продолжительность|время простоя|소요 시간|지속 시간|장애 시간)/u, { incident: 3 }),
  label('severity', /^(severity|sev|incident severity|priority|우선순위|alert severity|alert level|серь[её]зность|критичность|приоритет инцидента|приоритет$|уровень|심각도|(?:장애 |인시던트 )?등급|장애 레벨)/u, { incident: 3 }),
  label('incidentId', /^(incident(?: id| number| #)?|инцидент|номер инцидента|장애 번호)$/u, { incident: 2 }),
  label('author', /^(authors?|postmortem owner|written by|prepared by|report(?:ed)? by|автор\p{L}*|составил\p{L}*|подготовил\p{L}*|작성자)/u, { incident: 1, adr: 0.5 }),

  // ── ADRs ──
  label('drivers', /^(decision drivers|drivers|criteria|decision criteria|decision considerations|decision factors|evaluation criteria|considerations$|forces|критерии(?: выбора)?|факторы принятия решени\p{L}*|факторы решения|требования к решению|결정 요인|판단 기준)/u, { adr: 3 }),
  label('context', /^(context and problem statement|context|problem statement|issue$|the issue$|background and context|background$|why$|motivation|결정 배경|контекст(?: и проблема)?|проблема|предпосылки|повестка(?: дня)?|обсуждаемый вопрос|рассматриваемый вопрос|вопрос повестки|배경|맥락|문제(?: 정의|점)?)/u, { adr: 3 }),
  label('options', /^(considered options|options considered|(?:other )?options|positions|(?:other )?alternatives(?: considered)?|rejected alternatives|approaches considered|рассмотренные (?:варианты|альтернативы)|варианты(?: решения)?|альтернативы|рассматривали(?: варианты)?|рассмотрели(?: варианты)?|обсуждали варианты|we (?:considered|looked at)|(?:검토|고려)(?:한|된)? (?:대안|옵션|선택지)|대안(?!\s?별)|선택지(?!\s?별)|후보)/u, { adr: 3 }),
  label('rationale', /^(rationale|argument|arguments|justification|reasoning|why this option|обоснование|аргументация|почему (?:выбрали|этот вариант)|근거|선택 이유)/u, { adr: 2 }),
  label('prosCons', /^(pros and cons(?: of the options)?|плюсы и минусы(?: вариантов)?|(?:(?:선택지|옵션|대안)\s?별\s?)?장단점)/u, { adr: 3 }),
  label('deciders', /^(deciders|decision[- ]makers|decided by|approvers?$|driver$|кто решал|решали|решение принимали|принимали решение|участники решения|утверждающ\p{L}*|결정자|결정권자|의사결정자|승인자)/u, { adr: 3 }),
  label('decision', /^(decision outcome|decision|chosen option|decided|agreed|outcome$|recommendation$|our recommendation|recommended (?:option|approach|solution)|рекомендуемый вариант|권장(?: 사항| 안)?$|результат решения|итоговое решение|принятое решение|решение|решили|договорились|выбор|결정(?: 사항)?|결정됨|합의|what$)/u, { adr: 3, incident: 0.5 }),
  label('proposal', /^(proposal|proposed (?:solution|change|design|approach)|what we propose|detailed design|design details|how$|предложение|предлагаем\p{L}*(?: решение)?|предлагается|제안(?: 사항| 내용)?)/u, { adr: 1 }),
  label('positive', /^(positive consequences|positive$|положительные последствия|позитивные последствия|pros|benefits|advantages|good|плюсы|преимущества|장점|긍정적 (?:결과|영향))/u, { adr: 2 }),
  label('negative', /^(negative consequences|negative$|отрицательные последствия|негативные последствия|cons|drawbacks|disadvantages|trade-?offs|bad|минусы|недостатки|단점|부정적 (?:결과|영향))/u, { adr: 2 }),
  label('consequences', /^(consequences?|implications|последствия|결과)/u, { adr: 3 }),
  label('confirmation', /^(confirmation|validation|подтверждение)/u, { adr: 2 }),
  label('goals', /^(goals|non-goals|цели решения)/u, { adr: 1 }),
  label('risks', /^(risks(?! if not)|риски(?! если не)|위험)/u, { adr: 1 }),
  label('supersededBy', /^(superseded by|replaced by|заменено|заменён|заменен|대체됨)/u, { adr: 3 }),
  label('supersedes', /^(supersedes|replaces|заменяет|대체)/u, { adr: 3 }),
  label('adrNumber', /^(adr|adr number|номер|번호)$/u, { adr: 2 }),

  // ── runbooks ──
  label('meaning', /^(meaning|purpose|what this alert means|alert description|назначение|что (?:значит|означает)(?: алерт)?|(?:알림|알람|경보) (?:의미|설명)|의미|목적)/u, { runbook: 3 }),
  label('triggers', /^(when to use(?: this runbook)?|when|triggers?|trigger conditions|когда (?:применять|юзать|использовать|нужно|запускать)|когда|при каких условиях|언제(?: 사용하나)?|사용 시점)/u, { runbook: 3 }),
  label('symptoms', /^(symptoms?|signs|how to recognise|симптом\p{L}*|признаки|как понять(?!,? что (?:вс[её] (?:хорошо|в порядке|работает)|починилось|проблема решена))|증상|징후)/u, { runbook: 3 }),
  label('diagnosis', /^(diagnosis|diagnostics|investigation|troubleshooting|triage|first checks|what to check|where to look|диагностика|расследование|что проверить|что смотреть|куда смотреть|진단|원인 파악|확인할 것|확인 사항)/u, { runbook: 3 }),
  label('mitigation', /^(mitigation|remediation steps|workaround|смягчение|обходное решение|완화|임시 조치)/u, { runbook: 2, incident: 1 }),
  label('steps', /^(steps|procedure|instructions|actions|what to do|recovery (?:procedure|steps)|solution|how to fix(?: it)?|how to recover|как чинить|как починить|как исправить|как восстановить|как лечить|해결 방법|해결책|действия|шаги|порядок действий|инструкция|процедура|что делать|조치(?: 절차)?|절차|대응 절차|수행 절차)/u, { runbook: 3 }),
  label('verification', /^(verification|verify|validate|validation steps|how to verify|how to (?:know|tell) (?:it|that it)(?:'s| is| was)? (?:fixed|working|resolved)|check(?:ing)? the result|checks?:?$|проверка(?: результата)?|как проверить|как убедиться|как понять,? что (?:вс[её] (?:хорошо|в порядке|работает)|починилось|проблема решена)|убедиться|확인|검증|정상 확인)/u, { runbook: 3 }),
  label('escalation', /^(escalation(?: for [\p{L} ]+)?|escalate|escalation path|who to (?:call|contact|page)|кому звонить|кому писать|куда эскалировать|кого звать|누구에게 연락|notify the team|if (?:that|this|it) (?:does not|doesn'?t) (?:work|help)|если не помогло|если это не помогло|안 되면|해결되지 않으면|уведомить (?:команду|руководство)|эскалац\p{L}*|порядок эскалации|에스컬레이션|보고 체계)/u, { runbook: 3 }),
  label('rollback', /^(rollback|roll back|откат|롤백)$/u, { runbook: 1 }),
  label('prerequisites', /^(before you start|prerequisites|requirements|перед началом|что нужно|предварительные требования|사전 준비|준비 사항)/u, { runbook: 2 }),
  label('warning', /^(warning|caution|danger|attention|важно|внимание|осторожно|주의|경고)/u, { runbook: 1 }),
  label('rto', /^(rto|recovery time objective|целевое время восстановления|목표 복구 시간)/u, { runbook: 2 }),
  label('rpo', /^(rpo|recovery point objective|목표 복구 시점)/u, { runbook: 2 }),
  label('recoveryTime', /^(expected time|expected recovery time|estimated time|recovery time|time to recover|mttr|время восстановления|ожидаемое время(?: восстановления)?|예상 소요 시간|복구 시간)/u, { runbook: 2 }),
  label('owner', /^(owner|owners|owning team|team|maintainer|владел\p{L}*|ответственн\p{L}*|команда|담당(?: 팀)?|소유)/u, { runbook: 2, incident: 0.5 }),
  label('lastVerified', /^(last (?:verified|reviewed|tested|checked|updated)|verified|tested|reviewed|последняя проверка|проверено|проверен|дата проверки|последний пересмотр|актуально на|최종 (?:점검|확인|검증|검토)|최근 (?:점검|검토|확인)(?:일)?|점검일|검토일)/u, { runbook: 3 }),
  label('service', /^(service|services|system|component|cluster|сервис|система|компонент|кластер|서비스|시스템)/u, { runbook: 1, incident: 0.5 }),
  label('alert', /^(alerts?|alert name|алерт\p{L}*|оповещени\p{L}*|(?:대상|관련) 알림|알림|경보)/u, { runbook: 2 }),
  label('contacts', /^(contacts?|контакты|연락처)/u, { runbook: 0.5 }),

  // ── neither: parts no document is made of ──
  label('overview', /^(overview|about|description|введение|обзор|описание|개요|설명)$/u, {}),
  // A ticket's fields (Jira, YouTrack, Linear): who and when of the ticket, not events of the incident.
  label('ticketField', /^(assignee|reporter|labels|components?|created|updated|resolved|issue type|type|ticket type|тип(?: задачи| обращения| тикета)?|(?:이슈 )?유형|fix versions?|sprint|watchers|исполнитель|автор задачи|метки|создан[оа]?|обновлен[оа]?|решен[оа]?|담당자|보고자|생성일|해결일)$/u, {}),
  // A ticket's comment thread ("Comments", «Комментарии», '댓글'): its messages, not a field of their own.
  label('comments', /^(comments|activity|discussion|комментари\p{L}*|обсуждение|댓글|코멘트)$/u, {}),
  label('contents', /^(table of contents|contents|toc|sections at a glance|jump to section|содержание|оглавление|목차|섹션 바로가기)$/u, {}),
  label('entities', /^(key entities mentioned|entities|related|see also|links|ссылки|см\. также|관련 문서)/u, {}),
  label('references', /^(references|more information|supporting information|further reading|appendix|notes|примечани\p{L}*|приложени\p{L}*|참고(?: 자료)?)/u, {}),
  label('attendees', /^(attendees|participants|присутствовали|участники|참석자|참여자)$/u, {}),
  label('mailFrom', /^(from|от|보낸 사람)$/u, {}),
  label('mailTo', /^(to|cc|кому|копия|받는 사람)$/u, {}),
  label('mailSubject', /^(subject|тема|제목)$/u, {}),
  label('status', /^(status|state|статус|состояние|상태)/u, { adr: 1, incident: 1 }),
  label('date', /^(date|incident date|date of (?:the )?incident|when$|дата(?: инцидента| обнаружения| события| решения)?|когда случилось|когда$|일시|날짜|발생 일시|결정일|언제$)/u, { incident: 1, adr: 1 }),
];

/**
 * A label as written → comparable words: markup, numbering, emoji, parentheses and the
 * closing colon removed, lower case, `ё` as `е` kept apart (patterns accept both).
 */
export function normalizeLabel(raw: string): string {
  return raw
    .replace(/[*_`#>]+/g, ' ')
    // "1. Summary", "2) Причина", "IV. Что сделаем": a section's number is no word of its name.
    .replace(/^\s*(?:[-+•]\s+)?(?:\d{1,2}[.)]\s*|[IVX]{1,4}[.)]\s+)+/u, '')
    .replace(/\p{Extended_Pictographic}|\uFE0F/gu, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s*[:：]\s*$/u, '')
    .replace(/[.:：;,!?]+\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The slot a label names, if any. At most `extraWords` words may follow the slot's words. */
/**
 * All labels as one expression, tried in the list's order at the label's start: one pass over a
 * label instead of one per slot. Whole words only: "fixed by" is not "fix" + "ed by".
 */
const ANY_SLOT = new RegExp(`^(?:${SLOT_LABELS.map((entry, i) => `(?<s${i}>${entry.pattern.source.replace(/^\^/, '')})`).join('|')})(?![\\p{L}\\p{N}])`, 'u');

const slotCache = new Map<string, SlotLabel | undefined>();

export function slotOf(rawLabel: string, extraWords = 4): SlotLabel | undefined {
  const key = `${extraWords}\u0000${rawLabel}`;
  if (slotCache.has(key)) return slotCache.get(key);
  const found = findSlot(rawLabel, extraWords);
  // Labels repeat across notes ("Summary", "**Severity:**"); the cache is bounded.
  if (slotCache.size > 20_000) slotCache.clear();
  slotCache.set(key, found);
  return found;
}

function findSlot(rawLabel: string, extraWords: number): SlotLabel | undefined {
  const text = normalizeLabel(rawLabel);
  // A label starts with a word; "5 whys" is the one that starts with its number.
  if (!text || !/^(?:\p{L}|\d\s\p{L})/u.test(text)) return undefined;
  const match = ANY_SLOT.exec(text);
  if (!match) return undefined;
  const index = Object.entries(match.groups!).find(([, value]) => value !== undefined)![0];
  const rest = text.slice(match[0].length);
  if (rest.trim().split(/\s+/).filter(Boolean).length > extraWords) return undefined;
  return SLOT_LABELS[Number(index.slice(1))];
}

/**
 * The columns of a troubleshooting table ("| Symptom | Likely cause | Fix |"): a row is a situation
 * and what to do in it.
 */
export const SYMPTOM_COLUMN = /^(?:symptoms?|problems?|issues?|errors?|what you see|симптом\p{L}*|проблем\p{L}*|ошибк\p{L}*|что видно|증상|문제|오류)$/iu;
export const FIX_COLUMN = /^(?:fix(?:es)?|solutions?|resolution|remedy|what to do|workaround|action|решение|что делать|как (?:чинить|исправить)|исправление|해결(?:\s?방법)?|조치)$/iu;

/** The columns of a table of steps ("| Step | Command | Expected result |"): what to do, and the command that does it. */
export const ACTION_COLUMN = /^(?:steps?|actions?|what to do|description|task|шаг|действи[ея]|что делать|описание|단계|작업|조치|설명)$/iu;
export const COMMAND_COLUMN = /^(?:commands?|cmd|how|команд[аы]|как|명령(?:어)?|실행)$/iu;

/** An FAQ's question line: "**Q: The lag alert fired. What now?**", "Q: …", «Вопрос: …», «В: …», "질문: …". */
const QUESTION_LINE = /^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:Q|Вопрос|В|질문)(?:\*\*|__)?\s*[:：.](?:\*\*|__)?\s+(\S.*?)\s*(?:\*\*|__)?\s*$/u;
/** Its answer, on the next line: "A: …", «Ответ: …», «О: …», "답변: …", "답: …". */
const ANSWER_LINE = /^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:A|Ответ|О|답변|답)(?:\*\*|__)?\s*[:：.](?:\*\*|__)?\s+(\S.*)$/u;

export interface FaqPair {
  /** Index of the question's line in the lines given, and its words without the "Q:" mark. */
  questionAt: number;
  question: string;
  /** Indexes of the answer's first and last lines, and its words without the "A:" mark. */
  answerFrom: number;
  answerTo: number;
  answer: string;
}

/**
 * The questions of an FAQ and their answers ("Q: …" over "A: …"), as an on-call FAQ is written; an
 * answer runs to a blank line or the next question. Fewer than two pairs are no FAQ: a lone "Q:" is
 * someone's note of a question.
 */
export function faqPairs(lines: string[]): FaqPair[] {
  const found: FaqPair[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const question = QUESTION_LINE.exec(lines[i]!);
    const first = question && ANSWER_LINE.exec(lines[i + 1]!);
    if (!question || !first) continue;
    let end = i + 1;
    const words = [first[1]!];
    while (end + 1 < lines.length && lines[end + 1]!.trim() && !QUESTION_LINE.test(lines[end + 1]!)) words.push(lines[++end]!.trim());
    found.push({ questionAt: i, question: question[1]!.replace(/(?:\*\*|__)$/, '').trim(), answerFrom: i + 1, answerTo: end, answer: words.join(' ') });
    i = end;
  }
  return found.length >= 2 ? found : [];
}

/** A troubleshooting table's header line: a symptom column and a fix column. */
export function troubleshootingHeader(cells: string[]): { symptom: number; fix: number } | undefined {
  const names = cells.map((c) => c.replace(/\*\*|__|`/g, '').trim());
  const symptom = names.findIndex((n) => SYMPTOM_COLUMN.test(n));
  const fix = names.findIndex((n) => FIX_COLUMN.test(n));
  return symptom >= 0 && fix >= 0 && symptom !== fix ? { symptom, fix } : undefined;
}

/** The turns of an incident a labelled time can name. */
export type Moment = 'started' | 'detected' | 'mitigated' | 'resolved';

/**
 * Labels that name when something happened, not what ("Started at", "Impact started", "Detected",
 * "Resolved at", «Начало», «Устранено», "발생 시각", "복구 시각"): the key-timestamps table of an
 * incident tool's export, or a report's header. Each is read as a moment only with a time beside it,
 * so that "Detection" or "Resolved" heading a section keep their meaning.
 */
const MOMENT_LABELS: [Moment, RegExp][] = [
  ['started', /^(?:(?:impact|incident|outage|issue|problem|degradation|event|service interruption) )?(?:start(?:ed|s)?|began|begins|beginning|start time)(?: at| on| time)?$|^(?:(?:дата и )?время )?(?:начал[оа]|начало)(?: инцидента| сбоя| аварии| влияния| проблемы)?$|^(?:장애 )?(?:발생|시작) (?:시각|시간|일시)$|^시작$/u],
  ['detected', /^(?:(?:incident|issue|outage|problem) )?(?:first )?(?:detected|reported|noticed|alerted|identified|discovered)(?: at| on| time)?$|^detection time$|^(?:обнаружен[оы]?|замечен[оы]?|(?:(?:дата и )?время )?обнаружения)$|^(?:장애 )?(?:인지|감지|탐지) (?:시각|시간|일시)$/u],
  ['mitigated', /^(?:impact )?mitigated(?: at| on| time)?$|^mitigation time$|^(?:смягчен[оы]?|обход(?: найден)?)$|^(?:임시 조치|완화) (?:시각|시간)$/u],
  ['resolved', /^(?:(?:impact|incident|outage|issue|event|service interruption) )?(?:resolved|fixed|recovered|ended|ends?|closed|end time|resolution time)(?: at| on| time)?$|^(?:(?:дата и )?время )?(?:окончани[ея]|устранени[ея]|восстановлени[ея])(?: инцидента| сбоя| аварии| работы)?$|^(?:устранен[оы]?|восстановлен[оы]?|закончил[оа]сь)$|^(?:장애 )?(?:종료|복구|해결|복구 완료) (?:시각|시간|일시)$|^종료$/u],
];

/** A record that says when its incident started or ended says as much as a timeline does. */
export const MOMENT_WEIGHT: Partial<Record<DocumentKind, number>> = { incident: 3 };

/** Which turn a label names when a time stands beside it, if it names one. */
export function momentOf(rawLabel: string): Moment | undefined {
  const text = normalizeLabel(rawLabel);
  return MOMENT_LABELS.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * A retrospective board's columns: Keep / Problem / Try (KPT), Glad / Sad / Mad, Start / Stop /
 * Continue. A column's name alone says little ("Problem" is a record's context, "Start" a
 * moment), so it is a slot only beside another column of its board (`retroColumnSlot`).
 */
const RETRO_BOARDS: Array<Array<[RegExp, Slot]>> = [
  [[/^keep$|^유지할 점$|^что оставить$/u, 'whatWentWell'], [/^problems?$|^문제점?$|^что мешало$/u, 'whatWentWrong'], [/^try$|^시도할 점$|^что попробовать$/u, 'followUps']],
  [[/^glad$/u, 'whatWentWell'], [/^sad$/u, 'whatWentWrong'], [/^mad$/u, 'whatWentWrong']],
  [[/^continue$/u, 'whatWentWell'], [/^stop$/u, 'whatWentWrong'], [/^start$/u, 'followUps']],
];

/** The slot of each board column among `labels` (by index), when two or more columns of one board stand there. */
export function retroColumnSlots(labels: string[]): Map<number, Slot> {
  const normalized = labels.map(normalizeLabel);
  for (const board of RETRO_BOARDS) {
    const found = new Map<number, Slot>();
    const columns = new Set<number>();
    normalized.forEach((text, index) => {
      const column = board.findIndex(([pattern]) => pattern.test(text));
      if (column < 0) return;
      found.set(index, board[column]![1]);
      columns.add(column);
    });
    if (columns.size >= 2) return found;
  }
  return new Map();
}

/** Slots that name no part of a document: a section under them is never a document. */
export const NON_DOCUMENT_SLOTS = new Set<Slot>(['overview', 'contents', 'entities', 'references', 'attendees', 'contacts']);

const BEFORE = String.raw`(?:^|[^\p{L}\p{N}])`;
const AFTER = String.raw`(?![\p{L}\p{N}])`;
const DASH = String.raw`\s*[—–:|-]`;

/** A title that names its kind: "Postmortem: …", "ADR-014 — …", "Runbook: …", "장애 보고서: …". */
export const TITLE_MARKERS: Record<DocumentKind, RegExp> = {
  incident: new RegExp(
    String.raw`^\s*(?:\p{Extended_Pictographic}\s*)?(?:(?:post-?mortem|post mortem|incident(?: report| review| postmortem| retrospective)?|outage report|retrospective|постмортем|пост-мортем|инцидент|разбор(?: инцидента| сбоя| аварии)?|отч[её]т об? (?:инциденте|сбое|аварии)|авария|сбой|장애 보고서|장애 리포트|사후 분석|포스트모템|장애)${AFTER}${DASH}|INC-?\d+${AFTER}|PM\d{4}-\d+${AFTER})`,
    'iu',
  ),
  adr: new RegExp(String.raw`(?:${BEFORE}(?:[A-Z]{2,6}-)?ADR[-\s]?\d+${AFTER}|^\s*(?:DL|DR)-\d{2,4}(?:-\d+)?${AFTER}|^\s*(?:architecture decision(?: record)?|decision record|архитектурное решение|아키텍처 결정|(?:의사)?결정 기록)${AFTER}|^\s*(?:\p{Extended_Pictographic}\s*)?(?:decision|решение|결정|의사결정)\s*[—–:]\s*\S)`, 'iu'),
  runbook: new RegExp(String.raw`^\s*(?:\p{Extended_Pictographic}\s*)?(?:runbook|run book|playbook|ранбук|инструкция|регламент|процедура|런북|플레이북|운영 매뉴얼|대응 매뉴얼)${AFTER}(?!['’]и|s${AFTER})|(?<=\S\s+)(?:대응|조치|복구|처리)\s?(?:절차서?|가이드|매뉴얼)\s*$`, 'iu'),
};

/**
 * A heading that names the situation a procedure is for: "Если растут таймауты", "If the disk
 * fills up", "When the queue stalls", "Сценарий 2: …", "Case 3", "디스크가 가득 찬 경우". Sibling
 * sections titled so, each with its own steps, are runbooks of their own.
 */
export const SITUATION_TITLE = /^\s*(?:\d{1,2}[.)]\s*)?(?:если|когда|при\s|if|when|in case|case\s+\d|сценари\p{L}*|scenario|ситуация|situation|만약|상황)(?![\p{L}])|경우\s*$|경우[:：]|(?<![\p{L}])(?:what to do (?:when|if)|что делать,? (?:если|когда|при))(?![\p{L}])/iu;

/** A heading that holds several documents of a kind: "Runbooks", "Аварийные сценарии", "Kafka platform runbooks". */
export const CONTAINER_TITLE = /(?:^|[^\p{L}])(runbooks|playbooks|runbook['’]и|ранбуки|сценари[ийея]\p{L}*|scenarios|incidents|postmortems|decisions|ADRs|(?:runbook|playbook) updates|инциденты|решения|런북 모음|런북들)(?![\p{L}])|^\s*(?:이번 주 |주요 |금주 )?(장애|장애 목록|장애 내역|인시던트|결정 사항|의사 ?결정(?: 사항)?)\s*$/iu;

/** The column of a decision log that holds the decision ("| Date | Decision | Why | Status |"). */
export const DECISION_COLUMN = /^(?:decisions?|what we decided|решени[ея]|что решили|결정(?: 사항)?)$/iu;
/** The classification reason of a decision log's row: the ADR extractor reads such a row by its cells. */
export const DECISION_ROW = 'a row of a decision log';

/** The marks a line of a list or a plain-text report opens with: bullets, and the squares and dots of reports ("■ 원인: …", "● Причина: …"). */
export const LINE_MARK = '[-*+•■□▪◆◇●○※▶►]';

/** A page that logs decisions: "Platform decision log", «Журнал решений», "결정 기록". */
export const DECISION_LOG_TITLE = /(?<![\p{L}])(?:decision log|decisions? register|log of decisions|журнал решений|реестр решений|лог решений|решения команды)(?![\p{L}])|결정\s?(?:기록|로그|일지|이력)|의사\s?결정\s?(?:기록|로그|이력)/iu;
/**
 * One entry of such a log, a list item of its own: its day, a dash, what was decided (often in
 * bold), its status in brackets, then why ("- **2026-10-03 — Use pgbouncer …** (accepted). Why: …").
 */
export const DECISION_ENTRY = /^\s*[-*+]\s+(?:\*\*|__)?(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\s*[—–:-]\s*([^*_\n(]+?)\s*(?:\*\*|__)?\s*(?:\(([^)\n]{2,24})\))?\s*(?:[.:](?=\s|$)|(?=\s*$))\s*(.*)$/u;
/** The classification reason of such an entry: the ADR extractor reads it by its parts. */
export const DECISION_ITEM = 'an entry of a decision log';

/** The kind of documents a container's title groups: "Incidents", "Decisions", "Runbook updates". */
export function containerKind(title: string): DocumentKind | undefined {
  const match = CONTAINER_TITLE.exec(title);
  const word = (match?.[1] ?? match?.[2])?.toLowerCase();
  if (!word) return undefined;
  if (/^(incidents|postmortems|инциденты|장애.*|인시던트)$/u.test(word)) return 'incident';
  if (/^(decisions|adrs|решения|결정.*|의사.*)$/u.test(word)) return 'adr';
  return 'runbook';
}

/** What kind the title names, if any. */
export function titleKind(title: string): DocumentKind | undefined {
  // "3. Runbook: CoreDNS returns SERVFAIL": an agenda's number before the kind is no part of it.
  const unnumbered = title.replace(/^\s*\d{1,2}(?:\.\d{1,2})*[.)]\s+(?=\p{L})/u, '');
  for (const kind of ['adr', 'incident', 'runbook'] as const) if (TITLE_MARKERS[kind].test(unnumbered)) return kind;
  return undefined;
}

/** A template's placeholders: "_Who was affected and how._", "HH:MM", "<service>", "[Name]", "TBD" (not a link: `<https://…>`, `[text](…)`, nor what redaction left: `[REDACTED:token]`). */
const PLACEHOLDER = /<(?!https?:|mailto:|[^>\s]+@)[^>\n]{1,60}>|(?<![\p{L}\d])_[^_\n]+_(?![\p{L}\d])|\[(?!REDACTED:)[^\]\n]{2,60}\](?![(\[])|\{[^{}\n]{2,300}\}|HH:MM|ЧЧ:ММ|YYYY-MM-DD|ГГГГ-ММ-ДД|(?<![\p{L}])(?:TBD|TODO|N\/A)(?![\p{L}])|…|\.{3}/giu;

const ONE_PLACEHOLDER = new RegExp(PLACEHOLDER.source, 'iu');

/** A reason left for the writer to give: MADR's bare "* Good, because", 'Chosen option: "", because'. */
const UNGIVEN_REASON = /(?<![\p{L}])(?:because|потому что|так как)\s*(?:…|\.{3})?\s*$/iu;

/** The values a template offers to choose from: "Proposed | Accepted | Deprecated | Superseded". */
const CHOOSE_ONE = /^\s*(?:[-*+]\s+)?(?:\*\*[^*]{1,30}\*\*\s*:?\s*|[\p{L} ]{1,30}:\s*)?[\p{L}]+(?:\s*\|\s*[\p{L}]+){2,}\s*$/u;

/** A template's numbered stand-in for an item: "- [ ] Follow-up 1", "Preventative measure 2", "Вариант 3". */
const NUMBERED_STAND_IN = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]?\]\s+)?[\p{L}][\p{L} -]{2,30}\s\d$/u;

/** A heading that is the word for a title ("# Incident Title", «# Название»): the title is what stands under it. */
export const TITLE_WORD = /^\s*(?:title|name|incident (?:title|name)|adr title|postmortem title|название|заголовок|제목)\s*$/iu;

/** A template's own title: it says it is one ("Postmortem Template", «Шаблон разбора»), or it is only placeholders ("{short title}", "<Service> — <Alert>"). */
export function templateTitle(title: string): boolean {
  // "# TITLE", "# Title", «# Название»: the word for a title where one is to go.
  if (TITLE_WORD.test(title)) return true;
  // The word as the title's head ("Runbook Template", "Template: …", «Шаблон разбора»), not a topic ("email template service").
  if (/(?<![\p{L}])(?:template|템플릿|양식)\s*(?:$|[:—–(-])|^\s*(?:\p{Extended_Pictographic}\s*)?(?:template|шаблон\p{L}*|템플릿|양식)(?![\p{L}])/iu.test(title)) return true;
  if (!title.match(PLACEHOLDER)) return false;
  const rest = title.replace(PLACEHOLDER, ' ').replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
  return rest === '' || rest.split(' ').length <= 2;
}

/** What a template tells its user to write: "Describe who was affected …", «Опишите, что произошло», "…를 작성하세요". */
export function instructionLine(line: string): boolean {
  return (
    // What to write ("Describe …"), what a section is for ("Brief description of …", "How to confirm …"),
    // the question it answers ("What must already be true?"), a bare stand-in ("1. Step"), a line with a placeholder.
    /^\s*(?:>\s*)?(?:[-*+]\s+|\d{1,2}[.)]\s+)?(?:write|describe|explain|list|provide|summari[sz]e|include|capture|document|outline|detail|state|give|enter|insert|fill in|record|specify|note|copy this|use this|replace this|what|how|who|when|why|which|where|brief|short|concise|one-(?:line|paragraph|sentence)|detailed|concrete|description of|summary of|опишите|укажите|перечислите|заполните|напишите|объясните|приведите|кратко опишите|что|как|кто|когда|почему)(?![\p{L}])/iu.test(line) ||
    /^\s*(?:[-*+]|\d{1,2}[.)])\s+(?:step|item|action|task|entry|шаг|пункт|단계|항목)\s*\d*\s*$/iu.test(line) ||
    /(?:작성하세요|기술하세요|적어 ?주세요|입력하세요|적으세요|기재하세요)\.?\s*$/u.test(line) ||
    ONE_PLACEHOLDER.test(line)
  );
}

/** A line that is only placeholders, with at most a label, a list mark and a word or two around them ("- ЧЧ:ММ — событие"). */
export function placeholderLine(line: string): boolean {
  if (/^\s*\|(?:\s*\|)+\s*$/.test(line) || NUMBERED_STAND_IN.test(line) || CHOOSE_ONE.test(line) || UNGIVEN_REASON.test(line)) return true;
  // A command with a placeholder (`systemctl restart <service>`) is a filled-in step.
  if (line.includes('`') || !line.match(PLACEHOLDER)) return false;
  const rest = line
    .replace(/^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]?\]\s+)?/, '')
    .replace(/^(?:\*\*[^*]{1,40}\*\*|[\p{L} ]{1,30}[:：])\s*/u, '')
    .replace(PLACEHOLDER, ' ')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
  return rest === '' || rest.split(' ').length <= 2;
}

/**
 * Credentials that no token-shape rule can see, because their value is whatever a person chose:
 * the value of a name that says "password", "token", "secret" or "key" (in `.env`, YAML, JSON, INI,
 * query strings, HTTP headers, command-line flags), the password of a credential URL, the
 * password arguments of the tools people paste into runbooks (`mysql -p…`, `redis-cli -a …`,
 * `sshpass -p …`, `curl -u user:pass`), SQL's `PASSWORD '…'`, and a secret named in a sentence
 * ("the token is …", "пароль от базы: …", "비밀번호는 …").
 *
 * Each redaction keeps the command or the configuration usable as a template: only the value goes,
 * `--auth-password [REDACTED:password]`.
 */
import { FindingRank, spanOf, type Finding } from './finding.ts';
import { isPlaceholder, isPublicValue, looksGenerated, looksLikePassword, NOT_SECRET_KEYS, secretNameKind, type SecretNameKind } from './values.ts';

/** Word roots of names that hold secrets; each hit is grown to the whole name and judged by secretNameKind. */
const NAME_ROOT = /pass|pw|secret|token|key|auth|cred|sig|pat|sas|bearer|session|cookie/gi;
const NAME_CHAR = /[\w.-]/;
const MAX_VALUE = 4096;
/** HTTP authentication schemes written before a credential: `Authorization: Bearer …`. */
const AUTH_SCHEME = /^(bearer|basic|token|bot|digest|jwt|apikey|api-key|key|sso-key|ssws|oauth|negotiate|ntlm|hmac)$/i;

/** The separator after a name: `=`, `:=`, `=>`, a colon with a space or quote after it, a flag's space, or an XML element's `>`. */
function separatorAfter(text: string, at: number, flag: boolean, xml: boolean): number | undefined {
  if (xml) return text[at] === '>' ? at + 1 : undefined;
  const rest = text.slice(at, at + 12);
  // A bare colon would take `host:port`, `ns:name` and `https://`; YAML, JSON and headers put a space or a quote after theirs.
  const sep = /^[ \t]*(?::=|=>|=)[ \t]*/.exec(rest) ?? /^[ \t]*:(?!\/\/)(?:[ \t]+|(?=["'`]))/.exec(rest) ?? (flag ? /^[ \t]+/.exec(rest) : null);
  return sep ? at + sep[0].length : undefined;
}

/** The value at `start`: a quoted string, or a bare run up to whitespace or a delimiter of its syntax; null for a run too long to be one. */
function readValue(text: string, start: number, xml: boolean, query = true): { index: number; value: string; quote?: string } | undefined | null {
  // No value is longer than this (key blocks are shapes.ts's); reading further made a long
  // run of `key=key=…` quadratic.
  const limit = Math.min(text.length, start + MAX_VALUE);
  const open = text[start];
  if (open === '"' || open === "'" || open === '`') {
    const window = text.slice(start + 1, limit);
    const close = window.indexOf(open);
    const newline = window.indexOf('\n');
    if (close < 0 || (newline >= 0 && newline < close)) return undefined;
    return { index: start + 1, value: window.slice(0, close), quote: open };
  }
  // "&" ends a value after "=" (a query string's next pair); after "pass: " it is one of its characters.
  const stop = xml ? /[<\n]/ : query ? /[\s"'`,;&)}\]<>|]/ : /[\s"'`,;)}\]<>|]/;
  let end = start;
  while (end < limit && !stop.test(text[end]!)) end++;
  if (end === limit && limit < text.length) return null;
  // A call or an index (`getpass.getpass()`, `os.environ["X"]`): code, not a literal.
  if (/[([]/.test(text.slice(start, end)) || text[end] === '(') return undefined;
  // A full stop or colon after a bare value ends the sentence, not the value; "!" and "?" are common in passwords.
  while (end > start && /[.:]/.test(text[end - 1]!)) end--;
  return end > start ? { index: start, value: text.slice(start, end) } : undefined;
}

/** `"sk_live_51B0x3" + "nD03…"`: a secret split into literals so a scanner misses it. Returns every piece after the first. */
function continuation(text: string, afterClose: number): Array<{ index: number; value: string }> {
  const pieces: Array<{ index: number; value: string }> = [];
  const piece = /^\s*\+\s*(["'`])([^"'`\n]*)\1/;
  let at = afterClose;
  for (let m = piece.exec(text.slice(at, at + 400)); m; m = piece.exec(text.slice(at, at + 400))) {
    pieces.push({ index: at + m[0].length - 1 - m[2]!.length, value: m[2]! });
    at += m[0].length;
  }
  return pieces;
}

function judged(kind: SecretNameKind, value: string): boolean {
  if (isPublicValue(value) || value.startsWith('-----BEGIN') || value.startsWith('[REDACTED:')) return false;
  // "key: DB_PASSWORD=…": the value is itself an assignment, judged by its own name.
  if (/^[A-Za-z_][\w.-]*=[^=]/.test(value)) return false;
  return kind === 'password' ? looksLikePassword(value) : looksGenerated(value, 12);
}

/** Values of names that hold secrets, in every configuration syntax notes carry. */
function namedValues(text: string): Finding[] {
  const findings: Finding[] = [];
  let grownUpTo = -1;
  for (const root of text.matchAll(NAME_ROOT)) {
    if (root.index < grownUpTo) continue;
    let start = root.index;
    let end = root.index + root[0].length;
    while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
    while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
    grownUpTo = end;
    const name = text.slice(start, end);
    const flag = name.startsWith('-');
    const kind = secretNameKind(name);
    if (!kind) continue;
    const before = text[start - 1];
    const xml = before === '<';
    let after = end;
    // A quoted name: `"client_secret": …`.
    if ((before === '"' || before === "'") && text[end] === before) after++;
    // `<add key="ApiSecret" value="…" />`: .NET's appSettings name the secret in one attribute and hold it in the next.
    const attribute = after > end && /(?:key|name)\s*=\s*["']$/i.test(text.slice(Math.max(0, start - 8), start)) ? /^\s+value\s*=\s*(?=["'])/i.exec(text.slice(after, after + 20)) : null;
    const valueStart = attribute ? after + attribute[0].length : separatorAfter(text, after, flag, xml);
    if (valueStart === undefined) continue;
    let value = readValue(text, valueStart, xml, text.slice(after, valueStart).includes('='));
    if (value === null) grownUpTo = valueStart + MAX_VALUE;
    if (!value) continue;
    // "<your-password> in the config" is a placeholder in angle brackets, not an element: an element closes.
    if (xml && !value.quote && !text.startsWith('</', value.index + value.value.length)) continue;
    let type: string = kind;
    // `Authorization: Bearer <token>`: the scheme stays, the credential goes.
    const scheme = /^(\S+)[ \t]+(\S+)/.exec(value.quote ? value.value : text.slice(value.index, value.index + 400).split('\n')[0]!);
    if (scheme && AUTH_SCHEME.test(scheme[1]!)) {
      const credential = scheme[2]!.replace(/["'`,;)}\]]+$/, '');
      value = { index: value.index + scheme[0].length - scheme[2]!.length, value: credential, quote: value.quote };
      type = /^basic$/i.test(scheme[1]!) ? 'basic-auth' : /^bearer$/i.test(scheme[1]!) ? 'bearer-token' : 'token';
    } else if (AUTH_SCHEME.test(value.value) && !value.quote) {
      continue;
    }
    // `APP_KEY=base64:…`: the encoding prefix is not the secret.
    const prefix = /^base64:/.exec(value.value);
    if (prefix) value = { index: value.index + prefix[0].length, value: value.value.slice(prefix[0].length), quote: value.quote };
    const pieces = value.quote ? continuation(text, value.index + value.value.length + 1) : [];
    const whole = value.value + pieces.map((p) => p.value).join('');
    if (!judged(kind, whole) || isPlaceholder(value.value)) continue;
    findings.push(spanOf(value.index, value.value, type, FindingRank.credential, 'named value'));
    grownUpTo = Math.max(grownUpTo, value.index + value.value.length);
    for (const piece of pieces) findings.push(spanOf(piece.index, piece.value, type, FindingRank.credential, 'named value (split string)'));
  }
  return findings;
}

/**
 * A secret's name and its value as two keys of one entry: Kubernetes' `- name: DB_PASSWORD` over
 * `value: "…"`, an ECS task's `{"name": "API_TOKEN", "value": "…"}`, Terraform's `name = …` then
 * `value = …`. The name says what the value is; `valueFrom:` (a reference) is no value.
 */
const NAME_THEN_VALUE = /(?<![\w-])["']?(?:name|key|Name|Key)["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][\w.-]{1,80})["']?[ \t]*(?:,[ \t]*|\r?\n[ \t]*(?:-[ \t]+)?)["']?(?:value|Value)["']?[ \t]*[:=][ \t]*/g;

function nameValuePairs(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!/value/i.test(text)) return findings;
  for (const match of text.matchAll(NAME_THEN_VALUE)) {
    const kind = secretNameKind(match[1]!);
    if (!kind) continue;
    const value = readValue(text, match.index + match[0].length, false);
    if (!value || !judged(kind, value.value) || isPlaceholder(value.value)) continue;
    findings.push(spanOf(value.index, value.value, kind, FindingRank.credential, 'named value'));
  }
  return findings;
}

/**
 * An HTTP credential after its scheme where no name and separator precede it: nginx's
 * `proxy_set_header Authorization "Basic …"`, a header built in code, a sentence.
 */
const SCHEME_CREDENTIAL = /\b(Basic|Bearer|Token|Bot|Digest|ApiKey)[ \t]+([A-Za-z0-9._~+/=-]{12,})/g;

function schemeCredentials(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(SCHEME_CREDENTIAL)) {
    const value = match[2]!;
    if (!looksGenerated(value, 12)) continue;
    findings.push(spanOf(match.index + match[0].length - value.length, value, match[1] === 'Basic' ? 'basic-auth' : 'bearer-token', FindingRank.credential, 'auth scheme'));
  }
  return findings;
}

/** `scheme://user:password@host`, in any scheme (postgres, redis, amqp, https, ftp, jdbc's inner URL); Redis writes `redis://:password@host`. */
const URL_CREDENTIAL = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@'"`]*):([^\s@/'"`]+)@/gi;

/** `https://<token>@host`: a user part alone, long enough to be a token. */
const URL_TOKEN_USER = /\b[a-z][a-z0-9+.-]*:\/\/([A-Za-z0-9_\-.~]{20,})@/gi;

function urlPasswords(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!text.includes('://')) return findings;
  for (const match of text.matchAll(URL_CREDENTIAL)) {
    const [whole, user, password] = match as unknown as [string, string, string];
    // `guest:guest@localhost` is a product's documented default, not a secret.
    if (password === user || isPlaceholder(password)) continue;
    findings.push(spanOf(match.index + whole.length - 1 - password.length, password, 'url-password', FindingRank.credential, 'credential URL'));
  }
  // A token as the whole user part: `https://<token>@github.com/…` (git over HTTPS), a Sentry DSN's key.
  for (const match of text.matchAll(URL_TOKEN_USER)) {
    const token = match[1]!;
    if (isPlaceholder(token) || !looksGenerated(token, 20)) continue;
    findings.push(spanOf(match.index + match[0].length - 1 - token.length, token, 'token', FindingRank.credential, 'credential URL'));
  }
  return findings;
}

/** A value after a tool's password argument: quoted or bare. Group 1, 2 or 3. */
const ARG = `(?:'([^'\\n]+)'|"([^"\\n]+)"|([^\\s'"][^\\s]*))`;

/**
 * Password arguments that are single letters, and so mean "password" only for their tool. The
 * same letter elsewhere is something else (`redis-cli -p` is a port, `ssh -p` too). The gap from
 * the tool to its flag is bounded (240 characters): unbounded, a line of repeated tool names
 * took minutes.
 */
const TOOL_ARGUMENTS: Array<{ tool: string; pattern: RegExp }> = [
  // mysql -pSECRET / -p'SECRET': glued to the flag; a bare -p asks at the prompt.
  { tool: 'mysql', pattern: new RegExp(`\\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlpump|mysqlsh|mariadb(?:-dump|-admin)?)\\b[^\\n|;&]{0,240}?\\s-p${ARG}`, 'g') },
  { tool: 'redis-cli', pattern: new RegExp(`\\bredis-cli\\b[^\\n|;&]{0,240}?\\s(?:-a|--pass)[ \\t]+${ARG}`, 'g') },
  { tool: 'sshpass', pattern: new RegExp(`\\bsshpass\\s+-p[ \\t]*${ARG}`, 'g') },
  { tool: 'login', pattern: new RegExp(`\\b(?:docker|podman|nerdctl|buildah|skopeo|helm|oras|crane|az)\\b[^\\n|;&]{0,240}?\\blogin\\b[^\\n|;&]{0,240}?\\s-p[ \\t]+${ARG}`, 'g') },
  // SQL Server's sqlcmd and bcp take the password as -P.
  { tool: 'sqlcmd', pattern: new RegExp(`\\b(?:sqlcmd|bcp|osql)\\b[^\\n|;&]{0,240}?\\s-P[ \\t]*${ARG}`, 'g') },
  // Archives: zip/unzip -P PASS, 7z -pPASS; ssh-keygen -N/-P PASSPHRASE.
  { tool: 'zip', pattern: new RegExp(`\\b(?:zip|unzip|zipcloak)\\b[^\\n|;&]{0,240}?\\s-P[ \\t]+${ARG}`, 'g') },
  { tool: '7z', pattern: new RegExp(`\\b7za?\\b[^\\n|;&]{0,240}?\\s-p${ARG}`, 'g') },
  { tool: 'ssh-keygen', pattern: new RegExp(`\\bssh-keygen\\b[^\\n|;&]{0,240}?\\s-[NP][ \\t]+${ARG}`, 'g') },
  { tool: 'mongo', pattern: new RegExp(`\\b(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport)\\b[^\\n|;&]{0,240}?\\s-p[ \\t]+${ARG}`, 'g') },
  { tool: 'ldap', pattern: new RegExp(`\\bldap\\w+\\b[^\\n|;&]{0,240}?\\s-w[ \\t]+${ARG}`, 'g') },
  { tool: 'openssl', pattern: new RegExp(`\\s-pass(?:in|out)?[ \\t]+pass:${ARG}`, 'g') },
  // Windows: net user NAME PASSWORD /add.
  { tool: 'net user', pattern: new RegExp(`\\bnet\\s+user\\s+\\S+\\s+${ARG}`, 'gi') },
  { tool: 'smbclient', pattern: /\s-U[ \t]+[^\s%]+%(\S+)/g },
  { tool: 'rabbitmqctl', pattern: new RegExp(`\\brabbitmqctl\\s+(?:add_user|change_password)\\s+\\S+\\s+${ARG}`, 'g') },
  // htpasswd -b[c] file user password (batch mode takes the password as an argument).
  { tool: 'htpasswd', pattern: new RegExp(`\\bhtpasswd\\b(?:\\s+-\\w+)*?\\s+-\\w*b\\w*(?:\\s+-\\w+)*\\s+\\S+\\s+\\S+\\s+${ARG}`, 'g') },
  // MinIO client: mc alias set NAME URL ACCESS_KEY SECRET_KEY.
  { tool: 'mc', pattern: new RegExp(`\\bmc\\s+(?:alias\\s+set|config\\s+host\\s+add)\\s+\\S+\\s+\\S+\\s+\\S+\\s+${ARG}`, 'g') },
  // A secret echoed into a command that reads it from stdin: `echo '…' | docker login --password-stdin`.
  { tool: 'stdin', pattern: new RegExp(`\\b(?:echo|printf)\\s+(?:-[ne]\\s+)*${ARG}\\s*\\|[^\\n]{0,240}?(?:--password-stdin|--with-token|--token-stdin|\\bsudo\\s+-S\\b|\\bchpasswd\\b|\\bpasswd\\s+--stdin)`, 'g') },
];

/** `curl -u user:password`, `wget --user=… `: the part after the colon. */
const USER_PASSWORD = /\b(?:curl|wget|http|https|xh)\b[^\n|;&]{0,240}?\s(?:-u|--user)[ \t=]+(["']?)([^\s:'"]+):([^\s'"@]+)\1/g;

/** SQL: `PASSWORD 'x'`, `IDENTIFIED BY 'x'`, `SET PASSWORD FOR u = 'x'`, `PASSWORD('x')`. */
const SQL_PASSWORD = /\b(?:PASSWORD(?:\s+FOR\s+\S+)?\s*=?\s*(?:PASSWORD\s*\(\s*)?|IDENTIFIED\s+(?:WITH\s+\w+\s+)?BY\s+(?:PASSWORD\s+)?)'([^'\n]+)'/gi;

/** The tools of TOOL_ARGUMENTS and USER_PASSWORD; most notes name none of them, and substring tests are cheap. */
const TOOL_WORDS = ['sqlcmd', 'bcp', 'osql', 'zip', '7z', 'ssh-keygen', 'mysql', 'mariadb', 'redis-cli', 'sshpass', 'login', 'mongo', 'ldap', '-pass', '-U', 'curl', 'wget', 'http', 'xh ', 'rabbitmqctl', 'htpasswd', 'net user', 'mc ', 'stdin', '--with-token', 'sudo', 'passwd'];

function toolArguments(text: string): Finding[] {
  const findings: Finding[] = [];
  if (TOOL_WORDS.some((word) => text.includes(word))) {
    for (const { tool, pattern } of TOOL_ARGUMENTS) {
      for (const match of text.matchAll(pattern)) {
        const value = match[1] ?? match[2] ?? match[3];
        if (!value || !looksLikePassword(value)) continue;
        findings.push(spanOf(match.index + match[0].lastIndexOf(value), value, 'password', FindingRank.credential, `${tool} argument`));
      }
    }
    for (const match of text.matchAll(USER_PASSWORD)) {
      const user = match[2]!;
      const password = match[3]!;
      if (password === user || !looksLikePassword(password)) continue;
      findings.push(spanOf(match.index + match[0].lastIndexOf(password), password, 'password', FindingRank.credential, 'user:password argument'));
    }
  }
  if (/password|identified/i.test(text)) {
    for (const match of text.matchAll(SQL_PASSWORD)) {
      const value = match[1]!;
      if (!looksLikePassword(value)) continue;
      findings.push(spanOf(match.index + match[0].lastIndexOf(value), value, 'password', FindingRank.credential, 'SQL password'));
    }
  }
  return findings;
}

/**
 * A secret named in a sentence, in English, Russian or Korean: the word, a few words about it
 * ("от базы", "for the admin user"), a separator (":", "—", "is", "это", a Korean topic particle),
 * and the value. The value must look like one: a password with a digit, symbol or mixed case; a
 * token or key that looks generated. Words about the secret's metadata (its fingerprint, path,
 * id, expiry) around the word end the search. Without a separator ("token xIa9…", "임시 비밀번호
 * …로") the value must look random beyond doubt.
 */
const PASSWORD_WORDS = ['passwords?|passphrase|passcode|pass ?word|pw', 'парол[а-яё]{0,3}|пасс|парольная фраза|кодовое слово', '비밀번호|비번|암호|패스워드|패스프레이즈'];
const CREDENTIAL_WORDS = ['credentials?|creds|basic[ -]auth|logins?(?: details| info)?', 'учётк[а-я]|учетк[а-я]|учётные данные|учетные данные|доступы?', '계정 정보|접속 정보|로그인 정보'];
/** Words that name a login only sometimes ("login flow: web / mobile", «доступ к базе: 10:05 / 10:30»): their pair must look like one. */
const WEAK_CREDENTIAL = /^(?:logins?|доступ|접속 정보|로그인 정보)$/i;
const TOKEN_WORDS = ['tokens?|api[ -]?keys?|keys?|secrets?|PAT', 'токен[а-яё]{0,2}|ключ[а-яё]{0,3}|секрет[а-яё]{0,2}', '토큰|키|시크릿'];
// The words are found first, one expression per script (three small scans are several times
// faster than one expression over all of them); the rest is matched where it stands, with sticky expressions.
const PROSE_WORDS = [0, 1, 2].map((script) => new RegExp(`(${PASSWORD_WORDS[script]})|(${CREDENTIAL_WORDS[script]})|(${TOKEN_WORDS[script]})`, 'gi'));
const SEPARATED_VALUE = new RegExp(
  // Korean: a topic, subject or object particle glued to the word, then the value.
  `(?:(?:은|는|이|가|을|를)[ \\t]+|` +
    // Elsewhere: up to forty characters of the same clause, then a separator.
    `((?:[^\\n.,;!?:=—–👉→⇒]|\\.(?=\\S)){0,40}?)(?:[ \\t]*[:：=][ \\t]+|[ \\t]+[—–-][ \\t]+|[ \\t]*(?:👉|→|⇒|->|=>)[ \\t]*|` +
    // A change said in words, "was changed to", "reset to", «сменили на»; before the bare "was".
    `[ \\t]+(?:(?:was|is|has been|have been|got)[ \\t]+)?(?:changed|set|reset|updated|rotated|switched)[ \\t]+to[ \\t]+|` +
    `[ \\t]+(?:сменили|поменяли|изменили|сбросили|сменён|сменен|изменён|изменен|сброшен)[ \\t]+на[ \\t]+|` +
    // "set the password to 'x'": a bare "to" only before a quoted value.
    `[ \\t]+to[ \\t]+(?=["'«“„])|` +
    `[ \\t]+(?:is|are|was|were|will be|это|будет)(?:[ \\t]*[:—-])?[ \\t]+))` +
    // The value, perhaps in typographic quotes («…», “…”), which trimValue takes off; a Russian
    // password may have Cyrillic letters («Лето2026!»).
    // A short login before its password ("app / …") is the first half of a pair.
    '([«“„]?(?:[!-~]|[\\u0400-\\u04FF]){4,4096}|[\\w.@-]{2,3}(?=[ \\t]*\\/[ \\t]*\\S))',
  'iy',
);
const ADJACENT_VALUE = /[ \t]+([!-~]{8,4096})/y;
/** «пароль для входа в графану Xk3…», "токен бота 7Hq…": a few words about the secret, then a value that ends the clause. */
const AFTER_FEW_WORDS = /((?:[ \t]+[\p{L}][\p{L}-]{0,20}){1,4})[ \t]+([!-~]{8,4096})(?=[ \t]*(?:$|[\n.,;!?)]))/uy;
/** After a password word, a few words of the same clause, then "login / password", spaced apart as prose writes it (secret/prod/db is a path). */
const PAIR_AFTER_WORD = /((?:[^\n.,;!?:=—–/]){0,40}?)[ \t]+[\w.@-]{2,40}[ \t]+\/[ \t]+([«“„]?(?:[!-.0-~]|[\u0400-\u04FF]){4,200})(?![\/\w])/y;
const PAIR_SECOND_HALF = /^[ \t]*\/[ \t]*([!-~]{4,})/;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Korean glues words into compounds (슬랙토큰은): a Hangul word needs no boundary. */
const HANGUL = /^[\uac00-\ud7a3]/;
/** "login/password: admin / …": the word is the second half of a login/password pair. */
const LOGIN_BEFORE = /(login|user|username|логин|пользователь|아이디|계정)[ \t]*\/[ \t]*$/i;
const METADATA_NEAR = /fingerprint|identifier|public|публичн|открыт|공개|\bids?\b|\bname\b|\btype\b|\bpath\b|\burl\b|\blink\b|\bfile\b|\blength\b|\bhash\b|\bdigest\b|expir|rotat|идентификатор|отпечат|путь|пути|имя|ссылк|файл|хеш|срок|경로|이름|지문|파일|만료|식별자/iu;

/** Words after the secret's word that make it a thing about secrets: "password managers: LastPass, …", "password policy: 12 chars". */
const ABOUT_THE_WORD = /^[ \t]*(?:managers?|polic(?:y|ies)|requirements?|rules?|strength|complexity|hints?|prompts?|generators?|менеджер\p{L}*|политик\p{L}*|требовани\p{L}*|관리자|정책)(?![\p{L}])/iu;

/** How many of lower case, upper case, digits and symbols a value mixes. */
function characterClasses(value: string): number {
  return [/[a-zа-яё]/, /[A-ZА-ЯЁ]/, /\d/, /[^\p{L}\d]/u].filter((c) => c.test(value)).length;
}

/** The value without its quotes and the sentence's punctuation; a closing "!" stays, as passwords end in one far more often than a sentence about one. */
function trimValue(raw: string): string {
  return raw.replace(/^["'`«“„(]+/, '').replace(/[)"'`»”“,.;:?]+$/, '');
}

function proseValue(kind: 'password' | 'token', value: string, adjacent: boolean): boolean {
  if (value.length < 4 || isPlaceholder(value) || isPublicValue(value) || value.startsWith('[REDACTED:')) return false;
  // "token 9f8e7d6c…": right after a token word, 32 or more hex digits are the token (a commit is named "commit", not "token").
  if (adjacent && kind === 'token' && /^[0-9a-f]{32,}$/i.test(value) && /\d/.test(value) && /[a-f]/i.test(value)) return true;
  if (adjacent) return /^[\w\-+/=.~!@#$%^&*]+$/.test(value) && looksGenerated(value, kind === 'password' ? 8 : 16) && /\d/.test(value) && /[a-z]/.test(value) && (/[A-Z]/.test(value) || /[^\w]/.test(value));
  // With Cyrillic in it, a value is a password only with a digit and three kinds of characters:
  // «смотри-в-волте» is words, «Лето2026!» a password.
  if (/[\u0400-\u04FF]/.test(value)) return kind === 'password' && /\d/.test(value) && characterClasses(value) >= 3 && looksLikePassword(value);
  return kind === 'password' ? looksLikePassword(value) && /[\d\W_]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value) : looksGenerated(value, 12);
}

function proseSecrets(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const word of PROSE_WORDS.flatMap((words) => [...text.matchAll(words)])) {
    const end = word.index + word[0].length;
    if (!HANGUL.test(word[0]) && ((word.index > 0 && WORD_CHAR.test(text[word.index - 1]!)) || (end < text.length && WORD_CHAR.test(text[end]!)))) continue;
    const before = text.slice(Math.max(0, word.index - 24), word.index);
    if (METADATA_NEAR.test(before)) continue;
    // "cache key: …", "Idempotency key — …": a key that is an id.
    if (/^keys?$/i.test(word[0]) && NOT_SECRET_KEYS.has(/([\p{L}\d]+)[ \t_-]*$/u.exec(before)?.[1]?.toLowerCase() ?? '')) continue;
    let kind: 'password' | 'token' = word[3] !== undefined ? 'token' : 'password';
    SEPARATED_VALUE.lastIndex = end;
    let match = SEPARATED_VALUE.exec(text);
    let adjacent = false;
    if (match && match[1] && (METADATA_NEAR.test(match[1]) || ABOUT_THE_WORD.test(match[1]))) continue;
    // «пароль P@ssw0rd_2026 — сменить после инцидента»: the word's own value, then a dash and what to do about it.
    const said = match?.[1] ? /^[ \t]+(\S+)[ \t]*$/.exec(match[1]) : null;
    if (said && proseValue(kind, trimValue(said[1]!), true)) {
      const value = trimValue(said[1]!);
      findings.push(spanOf(match!.index + said[0].indexOf(said[1]!) + said[1]!.indexOf(value), value, kind, FindingRank.prose, 'prose'));
      continue;
    }
    if (!match && kind === 'password') {
      // «Пароль для входа в Grafana admin / Графана2026»: a login and its password after the word, without a separator.
      PAIR_AFTER_WORD.lastIndex = end;
      const pair = PAIR_AFTER_WORD.exec(text);
      const half = pair ? trimValue(pair[2]!) : '';
      if (pair && !METADATA_NEAR.test(pair[1]!) && proseValue('password', half, false)) {
        findings.push(spanOf(pair.index + pair[0].length - pair[2]!.length + pair[2]!.indexOf(half), half, 'password', FindingRank.prose, 'prose'));
        continue;
      }
    }
    if (!match) {
      ADJACENT_VALUE.lastIndex = end;
      match = ADJACENT_VALUE.exec(text);
      adjacent = true;
      // The same strict test holds a value said a few words on: only a random-looking one is a secret.
      if (!match || !proseValue(kind, trimValue(match[1]!), true)) {
        AFTER_FEW_WORDS.lastIndex = end;
        const later = AFTER_FEW_WORDS.exec(text);
        if (later && !METADATA_NEAR.test(later[1]!) && !ABOUT_THE_WORD.test(later[1]!)) match = later;
      }
      if (!match) continue;
    }
    const raw = match[match.length - 1]!;
    let value = trimValue(raw);
    let index = match.index + match[0].length - raw.length + raw.indexOf(value);
    const afterValue = index + value.length;
    // A pair: "login/password: admin / Zx81…", "creds: deploy / …", "учётка: svc:…".
    const second = PAIR_SECOND_HALF.exec(text.slice(afterValue, afterValue + 200));
    const weak = word[2] !== undefined && WEAK_CREDENTIAL.test(word[2]);
    if ((LOGIN_BEFORE.test(before) || word[2] !== undefined) && second) {
      const half = trimValue(second[1]!);
      // After a login of two or three letters ("web / mobile-app2" is a list), only a password that looks made up.
      const shortLogin = value.length <= 3;
      index = afterValue + second[0].length - second[1]!.length + second[1]!.indexOf(half);
      value = half;
      kind = 'password';
      if (weak && characterClasses(value) < 3) continue;
      if (shortLogin && !/[A-Z]/.test(value) && !looksGenerated(value, 8)) continue;
    } else if (word[2] !== undefined) {
      // After a weak word, "bucket/logs-2026" is a path: only "user:password" is a pair.
      if (weak && !/^[^:/\s]{1,32}:[^:/]+$/.test(value)) continue;
      // "creds: svc:…", "creds are admin/…": the part after the login (one slash, not a path).
      const login = /^[^:/]+(:|\/(?=[^/]+$))/.exec(value);
      if (!login) continue;
      index += login[0].length;
      value = value.slice(login[0].length);
      // "basic auth ops:…" with no separator: the pair is structure enough when its password has a digit.
      if (adjacent && /\d/.test(value)) adjacent = false;
    }
    // "password: <see vault>", "[in 1Password]": a stand-in in brackets, read only up to its first space.
    if (/^(?:<[^<>\n]{1,80}>|\[[^\]\n]{1,80}\]|\{[^{}\n]{1,80}\})/.test(text.slice(index, index + 82))) continue;
    // "the new key: DB_PASSWORD=…" names its own value; namedValues judges it by that name.
    if (/^[A-Za-z_][\w.-]*[=:][^=]/.test(value) && word[2] === undefined) continue;
    if (!proseValue(kind, value, adjacent)) continue;
    findings.push(spanOf(index, value, kind, FindingRank.prose, 'prose'));
  }
  return findings;
}

/**
 * Credentials in the files that hold them, pasted as lines: a `.pgpass` line
 * ("db1.internal:5432:orders:app:…", the password last) and an htpasswd or shadow hash
 * ("admin:$apr1$…$…", which cracks offline).
 */
const PGPASS_LINE = /(?:^|[\s'"=])(?:[\w.-]+|\*):(?:\d{2,5}|\*):(?:[\w.-]+|\*):(?:[\w.-]+|\*):([^\s'":]{4,})(?=$|[\s'"])/;
/** Its port between colons: only lines with one are tried (a scan for ":5432:" is faster than trying every line). */
const PORT_FIELD = /:(?:\d{2,5}|\*):/g;
const PASSWORD_HASH = /\$(?:apr1|1|2[aby]|5|6|y)\$(?:rounds=\d+\$)?[./\w]{1,22}\$[./\w]{20,}/g;

function credentialFiles(text: string): Finding[] {
  const findings: Finding[] = [];
  let tried = -1;
  for (const port of text.matchAll(PORT_FIELD)) {
    const start = text.lastIndexOf('\n', port.index) + 1;
    if (start === tried) continue;
    tried = start;
    const end = text.indexOf('\n', port.index);
    const line = text.slice(start, end < 0 ? text.length : end);
    const value = PGPASS_LINE.exec(line)?.[1];
    if (value && looksLikePassword(value) && !isPlaceholder(value)) findings.push(spanOf(start + line.lastIndexOf(value), value, 'password', FindingRank.credential, 'pgpass line'));
  }
  for (const match of text.matchAll(PASSWORD_HASH)) findings.push(spanOf(match.index, match[0], 'password-hash', FindingRank.credential, 'password hash'));
  return findings;
}

/** "set DB_PASS to …", "API_TOKEN is …": a variable that names a secret, given its value in words. */
// Matched from the word of the secret (a scan for its letters is fast); the name's start is checked after.
const SECRET_VARIABLE = /(?:PASS|PASSWD|PASSWORD|PWD|SECRET|TOKEN|API_KEY|APIKEY)(?![\w])[ \t]+(?:to|is|was|=|:)[ \t]+["'«“]?([^\s"'»”]{6,})/g;

function namedInProse(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(SECRET_VARIABLE)) {
    // "DB_PASS", "PASS": the whole name is capitals, digits and underscores from a word's start.
    const name = /[\w$]*$/.exec(text.slice(Math.max(0, match.index - 40), match.index))![0];
    if (!/^(?:[A-Z][A-Z0-9]*_)*$/.test(name)) continue;
    const value = trimValue(match[1]!);
    if (!looksLikePassword(value) || isPublicValue(value) || value.startsWith('[REDACTED:') || !/\d|[^\w]/.test(value)) continue;
    findings.push(spanOf(match.index + match[0].lastIndexOf(match[1]!) + match[1]!.indexOf(value), value, 'password', FindingRank.prose, 'named in prose'));
  }
  return findings;
}

/** Every credential of this module found in `text`. */
export function credentialFindings(text: string): Finding[] {
  return [...namedValues(text), ...nameValuePairs(text), ...schemeCredentials(text), ...urlPasswords(text), ...toolArguments(text), ...proseSecrets(text), ...credentialFiles(text), ...namedInProse(text)];
}

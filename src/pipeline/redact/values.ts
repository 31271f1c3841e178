/**
 * Judging a value once a rule has found it: is it a stand-in for a secret (a placeholder, a
 * reference, a documented example), and does it look like a secret at all. Every rule asks these
 * questions, so the answers are given once, here.
 */

/**
 * Values published by vendors in their own documentation, which everyone copies into examples:
 * AWS's example key pair and Telegram's example bot token. Redacting them teaches the reader
 * nothing and breaks the example.
 */
const DOCUMENTED_EXAMPLES = new Set(['123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11']);

/** AWS's documentation marks every example key with EXAMPLE at its end (AKIAIOSFODNN7EXAMPLE, …EXAMPLEKEY). */
const AWS_EXAMPLE = /EXAMPLE(KEY)?$/;

/** Words that fill a secret's place in configuration without being one. */
const STAND_IN_WORDS =
  /^(x+|\*+|•+|\.{2,}|…|-+|_+|changeme|change-me|changethis|secret|password|passwd|token|apikey|api-key|key|value|example\w*|placeholder|dummy|fake|sample|test|redacted|removed|hidden|masked|none|null|nil|true|false|yes|no|on|off|empty|required|optional|prompt|stdin|string|env|tbd|todo|n\/a|undefined|default|guest|admin|root|user|username|pass|1password|lastpass|bitwarden|keepass(?:xc)?|keeper|dashlane|passbolt|vault)$/i;

/**
 * A value that stands for a secret (a password manager's name says where it is kept: "비밀번호: 1Password 금고에 있음"): `[ИМЯ]`, `<your-key>`, `${DB_PASSWORD}`, `$TOKEN`, `{{ .Values.x }}`,
 * `${{ secrets.X }}`, `%(password)s`, `COMPROMISED_KEY`, `YOUR_API_KEY_HERE`, `changeme`, `sk-...`, `****`.
 */
export function isPlaceholder(raw: string): boolean {
  const value = raw.replace(/^["'`]+|["'`]+$/g, '').trim();
  if (value.length < 3) return true;
  if (DOCUMENTED_EXAMPLES.has(value) || AWS_EXAMPLE.test(value)) return true;
  if (STAND_IN_WORDS.test(value)) return true;
  // Brackets, template and variable syntax of shells, CI systems, Helm, Python and Go.
  if (/^\[[^\]]*\]$|^<[^>]*>$|^\{[^}]*\}$|^\(\s*\)$/.test(value)) return true;
  if (/^\$\{?[A-Za-z_][\w.]*\}?$|^\$\{|^\$\(|\$\{\{|\{\{|\}\}|^%\(\w+\)s$|^%[A-Z_]+%$|^@@\w+@@$/.test(value)) return true;
  // A YAML tag names where the value comes from (Ansible's `!vault`, CloudFormation's `!Ref`).
  if (/^![A-Za-z]/.test(value)) return true;
  // A constant's name (COMPROMISED_KEY, VERSION_ID, YOUR_API_KEY_HERE): upper-case words joined by underscores.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) return true;
  // A prefix with its rest elided or masked (sk-..., ghp_****, AKIA…XXXX, xoxb-xxxx-xxxx).
  if (/(\.{3}|…|\*{3,}|•{3,}|x{4,}|X{4,})/.test(value) && !/\d.*\d.*\d/.test(value.replace(/\.{3}|…|\*+|•+|x{4,}|X{4,}/g, ''))) return true;
  // "your-key", "my_secret", "example-token"; inside a value ("Sup3r-Fake-Pa55") the word proves nothing.
  if (/^(your|my|example|sample|dummy|fake|placeholder|insert|replace|put)[-_ ]/i.test(value) || /[-_](here|goes[-_]here)$/i.test(value)) return true;
  if (/^(ваш|ваша|ваше|свой|свою|пример|여기에|당신의)/i.test(value)) return true;
  return false;
}

/**
 * Values that are public by nature even where a key word stands next to them: digests and
 * fingerprints (`SHA256:…`, `sha512-…`), ARNs and resource ids, data URIs, key ids of a JWKS.
 */
export function isPublicValue(value: string): boolean {
  return /^(sha\d*|md5|blake\d*)[:-]|^arn:|^pk_(live|test)_|^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+) |^AAAA[BC][0-9A-Za-z+/]{20,}|^\d{4}-\d{2}-\d{2}([T ]\d|$)|^data:|^(i|ami|vpc|subnet|sg|vol|snap|eni|igw|rtb|acl)-[0-9a-f]{8,17}$|^[0-9a-f]{2}(:[0-9a-f]{2}){7,}$/i.test(value);
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Does a value look machine-generated, the way keys and tokens are? Used where a name or a word
 * says "key" or "token" but the value might be a file name, a path, a word or an identifier
 * ("key: invoices.csv", "secret/data/bots/alerts", "RootManageSharedAccessKey"). The thresholds are
 * gitleaks' for its generic rule: at least 3 bits of entropy per character over 12+ characters.
 */
export function looksGenerated(value: string, minLength = 12): boolean {
  if (value.length < minLength || isPlaceholder(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  // A file's path is where a secret is, not the secret.
  if (/^(~|\.{1,2})?\/|^[A-Z]:\\/.test(value) || isCodeReference(value)) return false;
  // Words: a file name, a dotted or slashed path of words, CamelCase, a kebab-case name.
  if (/^[\w-]+\.(csv|json|ya?ml|txt|log|sql|gz|tar|zip|pem|crt|key|conf|cfg|ini|env|sh|py|js|ts|bin)$/i.test(value)) return false;
  // Letters only: a word, CamelCase or a path of words; random letters switch case at random ("kdmwHuQeQAFO…").
  if (/^([a-z]+|[A-Z][a-z]+|[A-Z]+|[a-z]*([A-Z][a-z]{2,})+)$/.test(value)) return false;
  if (/^([A-Za-z]+[/._:-])+[A-Za-z]+\/?$/.test(value)) return false;
  if (/^\d+$/.test(value) || /^[\d.:/-]+$/.test(value) || isPublicValue(value)) return false;
  // An identifier built of words and small numbers: `user:1234:profile`, `ranker/v14.bin`, `inc-2291`.
  // A generated name of a thing: words, then short suffixes (`stripe-webhooks-d9nnxg5cc-gr2tz`, `api-1.42.0-bee0497`).
  if (/^[a-z]{3,}(-[a-z]{2,})*(-[a-z0-9.]{1,10})+$/.test(value)) return false;
  if (value.split(/[:/._-]+/).every((part) => /^[a-z]+\d{0,4}$|^[A-Z]?[a-z]+\d{0,4}$|^[A-Z]+$|^\d{1,6}$|^$/.test(part))) return false;
  const hasDigit = /\d/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!hasDigit && !(mixedCase && value.length >= 20)) return false;
  return entropy(value) >= 3;
}

/**
 * Could this be a password someone typed? Looser than looksGenerated: people choose passwords, so
 * "Sup3rS3cret!" or a word with digits counts; a bare word, a path, a reference or a flag does not.
 */
export function looksLikePassword(value: string): boolean {
  if (value.length < 4 || isPlaceholder(value) || isCodeReference(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(\/|~\/|\.\/)/.test(value)) return false;
  if (/^-/.test(value)) return false;
  // A lone word ("required", "prompt", "stdin") is a setting; anything with a digit, a symbol or mixed case is a password.
  if (/^[a-zа-яё]+$/i.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return value.length >= 12;
  return true;
}

/**
 * An expression in code where a literal would be: `getpass.getpass()`, `os.environ[`,
 * `settings.DB_PASSWORD`, `config.db.password`. The secret is elsewhere.
 */
function isCodeReference(value: string): boolean {
  if (/[([]/.test(value)) return true;
  // `config.db.password`, `process.env.TOKEN`; not `hvs.CAESIJ2kL9…` or `SG.aBcD….wXyZ…`, whose parts are random.
  return /^[A-Za-z_$][A-Za-z_$]*(\.[A-Za-z_$][\w$]*)+$/.test(value) && !value.split('.').some((part) => part.length >= 16 && /\d/.test(part) && /[a-z]/.test(part) && /[A-Z]/.test(part));
}

/** The words a name is made of: `postgresPassword` → postgres, password; `X-API-Key` → x, api, key. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type SecretNameKind = 'password' | 'token' | 'api-key' | 'secret';

/** The last word of a name that holds metadata about a secret rather than the secret (`token_type`, `AZURE_CLIENT_ID`, `SharedAccessKeyName`). */
const METADATA_WORDS = new Set([
  'id', 'ids', 'name', 'names', 'type', 'types', 'url', 'uri', 'urls', 'endpoint', 'host', 'hostname', 'port', 'path', 'paths', 'file', 'filename',
  'dir', 'arn', 'region', 'user', 'username', 'login', 'length', 'len', 'size', 'ttl', 'expiry', 'expires', 'expiration', 'exp', 'in', 'at',
  'version', 'format', 'policy', 'ref', 'reference', 'hint', 'prompt', 'stdin', 'label', 'alias', 'count', 'header', 'field', 'provider',
  'mode', 'algorithm', 'alg', 'kind', 'env', 'enabled', 'required', 'rotation', 'age', 'store', 'vault', 'manager', 'issuer', 'audience',
  'scope', 'scopes', 'usage', 'prefix', 'suffix', 'location', 'source', 'owner', 'index', 'sid', 'fingerprint', 'pair', 'ring', 'server', 'command', 'cmd',
  'hash', 'hashed', 'digest', 'policy', 'strength', 'reset', 'rules', 'changed', 'updated', 'created', 'encryption', 'method', 'complexity',
]);
/** Keys that are ids, not secrets: an idempotency key, a cache or partition key, an S3 object key. */
export const NOT_SECRET_KEYS = new Set([
  'idempotency', 'cache', 'partition', 'sort', 'primary', 'foreign', 'routing', 'dedup', 'deduplication', 'object', 'lookup', 'composite',
  'unique', 'shard', 'row', 'record', 'message', 'event', 'correlation', 'trace', 'request', 'bucket', 's3', 'hash', 'sharding', 'group', 'index',
  'map', 'dict', 'json', 'yaml', 'config', 'label', 'annotation', 'metadata', 'translation', 'i18n', 'hot', 'shortcut', 'foreign',
]);
/** Names of what is public by design: a public key, Stripe's publishable key. */
const PUBLIC_WORDS = new Set(['public', 'pub', 'publishable']);

/**
 * Does a configuration name, flag or header name the place of a secret? Returns which kind, so a
 * redaction can say `[REDACTED:password]` or `[REDACTED:token]`. `PGPASSWORD`, `auth.postgresPassword`,
 * `--auth-password`, `client_secret`, `X-API-Key`, `_authToken`, `AccountKey`, `Authorization` do;
 * `token_type`, `private_key_id`, `AZURE_CLIENT_ID`, `--password-stdin`, `TWILIO_ACCOUNT_SID` do not.
 */
export function secretNameKind(name: string): SecretNameKind | undefined {
  const words = nameWords(name);
  if (words.length === 0 || METADATA_WORDS.has(words[words.length - 1]!) || words.some((word) => PUBLIC_WORDS.has(word))) return undefined;
  let kind: SecretNameKind | undefined;
  for (const [i, word] of words.entries()) {
    if (/^keys?$/.test(word) && i > 0 && NOT_SECRET_KEYS.has(words[i - 1]!)) continue;
    // `pass` ends many names of passwords (PGPASS, storepass, keypass) and a few words that are not.
    if (/passw(or)?d|^passphrase$|^passcode$|^pwd$|^pw$|^\w{0,10}pass$/.test(word) && !/^(by|com|over|under|encom|tres|sur)pass$/.test(word)) return 'password';
    if (/token|^auth$|^authorization$|^pat$|^bearer$|^sas$|^creds?$|^credentials?$|^sig$|^signature$|^session(id)?$|^cookie$/.test(word)) kind ??= 'token';
    else if (/secret/.test(word)) kind ??= 'secret';
    else if (/^(api)?keys?$|^apikey$|^privatekey$|^accountkey$|^accesskey$/.test(word)) kind ??= 'api-key';
  }
  return kind;
}

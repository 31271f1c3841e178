/** Shell commands in notes, shared by the stages that must tell them from prose. */

/**
 * A program name and its arguments, the way a command reads: a lower-case word, then a flag, a
 * pipe, a redirect, a path or a variable among its arguments ("echo | openssl s_client -connect …",
 * "wal-g backup-push /var/lib/…"). Prose has none of these.
 */
function commandShaped(text: string): boolean {
  if (/[.!?]$/.test(text) || /[\p{Script=Cyrillic}\p{Script=Hangul}]/u.test(text.split(/\s+/)[0] ?? '')) return false;
  const tokens = text.split(/\s+/);
  if (tokens.length < 2 || !/^[a-z][\w.-]*$/.test(tokens[0]!)) return false;
  return tokens.slice(1).some((t) => /^-{1,2}[a-zA-Z]/.test(t) || /^[|>]{1,2}$|^&&$|^2>/.test(t) || /^[~.]?\/[\w.-]/.test(t) || /^["']?\$[A-Z_{(]/.test(t));
}

/** A line that is a shell command, not prose: for notes that paste commands without a code fence. */
const FILE_ALONE = /^\/(?:etc|var\/log|proc|sys)\/\S*$|^\/\S+\.(?:conf|cfg|ini|ya?ml|json|toml|env|properties|log)$|^\/\S*\/$/;

export function looksLikeCommand(line: string): boolean {
  const text = line.trim();
  // A sentence ("crontab ran `send-invoices` on both hosts.") is prose, whatever its first word.
  if (/[.!?]$/.test(text) && text.split(/\s+/).length >= 4 && !/[|><$]|\s-{1,2}\w/.test(text)) return false;
  // A file or folder named alone ("/etc/default/victoria-metrics", "/srv/app/config.yaml", "/.well-known/acme-challenge/") is where to look, not what to run.
  if (FILE_ALONE.test(text)) return false;
  return (
    commandShaped(text) ||
    /^(\$\s|sudo\s|\.{0,2}\/[\w.-]|docker(-compose)?\s|kubectl\s|systemctl\s|psql\s|aws\s|curl\s|ssh\s|git\s|cd\s|cat\s|tail\s|grep\s|diff\s|ls\s|cp\s|mv\s|rm\s|mkdir\s|npm\s|npx\s|make\s|crontab\s|export\s[A-Z_]+=|pg_dump|pg_restore|redis-cli|helm\s|terraform\s)/.test(text) ||
    /^\s+<\(/.test(line) ||
    /\\$/.test(text)
  );
}


/** The commands a line's inline code holds ("Restart it: `kubectl -n search delete pod <pod>`"), not names in backticks. */
export function inlineCommandsIn(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter(isInlineCommand);
}

/** Inline code that is a command to run, not a name: `kubectl -n ledger get pods`, `select * from t`. */
export function isInlineCommand(code: string): boolean {
  const text = code.trim();
  if (!text || text.length > 400) return false;
  if (looksLikeCommand(text)) return true;
  if (/^(?:select|insert|update|delete|alter|create|drop|show|explain|vacuum|analyze)\s/i.test(text)) return true;
  const tokens = text.split(/\s+/);
  if (tokens.length < 2 || !/^(?:[a-z][\w.-]*|\.{0,2}\/[\w./-]+|\$)$/.test(tokens[0]!)) return false;
  return /(?:ctl|cli|-ctl)$/.test(tokens[0]!) || tokens.slice(1).some((t) => /^-{1,2}[\w]|[/$=]|\.\w{1,5}$|^<[\w-]+>$/.test(t));
}

/** Tools a speaker names by their command, and words that read as a command's arguments. */
const TOOL = /(?<![\p{L}\p{N}_/-])(?:sudo\s+)?(?:df|du|kubectl|psql|systemctl|journalctl|docker|ssh|curl|find|grep|tail|rabbitmqctl|redis-cli|pg_ctl|ls|rm|kill|lsof|iostat|free|helm|aws|gcloud|nodetool|mysql|mongosh)(?=\s)/gu;
const ARGUMENT = /^(?:-{1,2}[\w-]+(?:=\S*)?|\/\S*|\$\S+|"[^"]*"|'[^']*'|\*\S*|\+?\d+[\w%]*|[\w.-]+=\S*|\S*[/*]\S*|\||[><]{1,2})$/u;

const SUBCOMMAND = /^(?:get|describe|logs|rollout|restart|status|start|stop|reload|scale|delete|apply|exec|top|ps|list_queues|info|run|set|upgrade|rollback|drain|cordon|uncordon|inspect|stats)$/;
const NOT_A_TARGET = /^(?:and|the|to|then|it|on|in|or|you|we|i|is|if|so|that|this|which|when|for|with|a|an|see|look|check|и|на|в|потом|его|её)$/i;
const RESOURCE_KIND = /^(?:pods?|po|deploy(?:ment)?s?|svc|services?|nodes?|jobs?|cronjobs?|statefulsets?|sts|ds|daemonsets?|configmaps?|cm|secrets?|ns|namespaces?|pvc|pv|ingress(?:es)?|containers?|volumes?)$/;
/** A flag that takes a value said after it: "-n payments", "--namespace payments" (not "--all", which is a word of its own). */
const VALUE_FLAG = /^(?:-[a-zA-Z]|--(?:namespace|context|container|selector|file|output|user|host|port|dbname|username|region|profile|cluster|zone|project))$/;

/** Commands said verbatim in a sentence: the tool and the arguments that follow it (a pipe may bring another tool). */
export function spokenCommands(sentence: string): string[] {
  const found: string[] = [];
  for (const match of sentence.matchAll(TOOL)) {
    const tokens = sentence.slice(match.index).split(/\s+/);
    const tool = match[0].split(/\s+/).length;
    const taken: string[] = [];
    let sub: 'none' | 'taken' | 'targeted' | 'done' = 'none';
    for (const [i, raw] of tokens.entries()) {
      // A comma or a full stop after a word ends the command said ("смотришь df -h, какой раздел").
      const ends = /[,;]$|\.$/.test(raw) && !/^\.+$/.test(raw);
      const token = ends ? raw.slice(0, -1) : raw;
      const previous = taken.at(-1) ?? '';
      const afterPipe = previous === '|';
      const word = /^[a-z][\w.-]*$/.test(token) && !NOT_A_TARGET.test(token);
      // "kubectl -n payments get pods": a flag's value, then the subcommand and the one word it acts on.
      const flagValue = i > tool && VALUE_FLAG.test(previous) && /^[\w.:@/-]+$/.test(token) && !NOT_A_TARGET.test(token) && !token.startsWith('-');
      const subcommand = sub === 'none' && i >= tool && SUBCOMMAND.test(token);
      // "describe pod ledger-0": a resource's kind, then its name.
      const target = (sub === 'taken' && word) || (sub === 'targeted' && RESOURCE_KIND.test(previous) && /^[\w.-]+$/.test(token) && !NOT_A_TARGET.test(token));
      if (i < tool || flagValue || subcommand || target || ARGUMENT.test(token) || (afterPipe && /^[a-z][\w-]*$/.test(token))) taken.push(token);
      else break;
      if (subcommand) sub = 'taken';
      else if (target) sub = sub === 'taken' ? 'targeted' : 'done';
      if (ends) break;
    }
    const command = taken.join(' ');
    if (taken.length >= 2 && looksLikeCommand(command) && !found.some((f) => f.includes(command))) found.push(command);
  }
  return found;
}

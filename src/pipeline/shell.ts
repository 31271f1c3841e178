/** Shell commands in notes, shared by the stages that must tell them from prose. */

/** A line that is a shell command, not prose: for notes that paste commands without a code fence. */
export function looksLikeCommand(line: string): boolean {
  const text = line.trim();
  return (
    /^(\$\s|sudo\s|\.{0,2}\/[\w.-]|docker(-compose)?\s|kubectl\s|systemctl\s|psql\s|aws\s|curl\s|ssh\s|git\s|cd\s|cat\s|tail\s|grep\s|diff\s|ls\s|cp\s|mv\s|rm\s|mkdir\s|npm\s|npx\s|make\s|crontab\s|export\s[A-Z_]+=|pg_dump|pg_restore|redis-cli|helm\s|terraform\s)/.test(text) ||
    /^\s+<\(/.test(line) ||
    /\\$/.test(text)
  );
}


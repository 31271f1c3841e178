import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SHARED } from './project.ts';

/**
 * Realistic generated notes for crash, determinism and benchmark runs: English, Russian, Korean
 * and Mac Roman mojibake; postmortems, decision records and runbooks; from a paragraph to ~50 KB.
 * Deterministic: the same count gives the same files.
 */
const SERVICES = ['billing', 'checkout', 'search', 'auth', 'notifications', 'payments', 'reports', 'gateway'];

function rng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const macRoman = (text: string) => {
  // UTF-8 bytes read as Mac Roman: the mojibake of seeds 002/003.
  const table = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007fÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';
  return Array.from(Buffer.from(text, 'utf8'), (b) => (b < 0x20 ? String.fromCharCode(b) : table[b - 0x20])).join('');
};

export function note(i: number): { name: string; text: string } {
  const random = rng(i * 7919 + 17);
  const service = SERVICES[i % SERVICES.length]!;
  const kind = i % 3;
  const language = i % 4 === 3 ? 'ru' : i % 7 === 5 ? 'ko' : 'en';
  const filler = (n: number) => Array.from({ length: n }, (_, k) => (language === 'ru' ? `Проверили журнал ${service} на шаге ${k}: ошибок нет, задержка в норме.` : language === 'ko' ? `${service} 서버 로그를 확인했습니다 ${k}.` : `Checked the ${service} logs at step ${k}: no errors, latency normal.`)).join(' ');
  const size = random() < 0.05 ? 400 : random() < 0.3 ? 40 : 3;
  let text: string;
  if (kind === 0) {
    text = language === 'ru'
      ? `# Постмортем — сбой ${service} №${i}\n\n**Влияние:** ${10 + (i % 50)} минут ошибок 5xx.\n**Причина:** исчерпан пул соединений.\n**Решение:** откат релиза.\n\n## Хронология\n\n- 10:0${i % 10} — алерт\n- 10:4${i % 10} — откат\n\n${filler(size)}\n`
      : `# Postmortem — ${service} outage ${i}\n\nImpact: ${10 + (i % 50)} minutes of 5xx errors.\nRoot cause: connection pool exhausted.\nResolution: rolled back the release.\n\n- 10:0${i % 10} — alert fired\n- 10:4${i % 10} — rollback\n\n${filler(size)}\n`;
  } else if (kind === 1) {
    text = `# ADR-${String(i).padStart(3, '0')} — Use Postgres for ${service}\n\n| Detail | |\n|---|---|\n| Decision | Use Postgres for ${service} data |\n| Rejected: MongoDB | Needs transactions |\n| Consequence (+) | SQL |\n| Consequence (−) | Migrations |\n\n${filler(size)}\n`;
  } else {
    text = `# Runbook — restart ${service} ${i}\n\n**Symptoms:**\n- ${service} returns 503\n\n1. **Check:**\n   \`\`\`bash\n   kubectl get pods -l app=${service}\n   \`\`\`\n2. **Restart:**\n   \`\`\`bash\n   kubectl rollout restart deploy/${service}\n   \`\`\`\n\n${filler(size)}\n`;
  }
  if (i % 11 === 4) text = macRoman(text);
  return { name: `${String(i).padStart(5, '0')}-${service}.md`, text };
}

export async function writeNotes(dir: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { name, text } = note(i);
    await writeFile(path.join(dir, name), text);
  }
}

/** Inputs of a folder (not the expected answers, not the manifest), in name order. */
export async function sharedInputs(...dirs: string[]): Promise<Array<{ name: string; bytes: Buffer }>> {
  const out: Array<{ name: string; bytes: Buffer }> = [];
  for (const dir of dirs) {
    const abs = path.join(SHARED, dir);
    for (const name of (await readdir(abs)).sort()) {
      if (name.endsWith('.expected.json') || /^(README|MANIFEST)\.md$/.test(name)) continue;
      out.push({ name, bytes: await readFile(path.join(abs, name)) });
    }
  }
  return out;
}

/**
 * `count` copies of real inputs, round robin, each with a line of its own appended the way an
 * author edits a note (ASCII, so a file in any legacy encoding stays in it). The copies keep their
 * originals' shape, size, encoding and extension; each is a different file to the pipeline.
 */
export async function writeVariedCopies(dir: string, inputs: Array<{ name: string; bytes: Buffer }>, count: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const original = inputs[i % inputs.length]!;
    const copy = Buffer.concat([original.bytes, Buffer.from(`\n\nReviewed again for copy ${i} of the bench.\n`)]);
    await writeFile(path.join(dir, `${String(i).padStart(5, '0')}-${original.name}`), copy);
    bytes += copy.length;
  }
  return bytes;
}

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { incidentPdf, runbookDocx, slackExport, telegramExport } from './export-fixtures.ts';

/**
 * A hostile inbox: every kind of file that an inbox shared by many authors will one day hold.
 * `expect` says what a good pipeline does with each: publish it safely, skip it with a reason, or
 * fail it with an error that says what is wrong.
 */
export interface HostileFile {
  name: string;
  expect: 'published' | 'unpublished' | 'failed' | 'skipped-link';
  /** For failures: what the error must say. */
  error?: RegExp;
}

const INJECTION = `# Runbook — Injected markup stays text

**Symptoms:**
- <script>alert('xss-1')</script>
- {process.exit()} and {globalThis.alert('xss-2')}
- <img src=x onerror=alert('xss-3')>
- [a link](javascript:alert('xss-4'))
- <iframe src="javascript:alert('xss-5')"></iframe>

1. Run:
   \`\`\`bash
   echo "<script>alert('xss-6')</script>"
   \`\`\`

import fs from 'fs'

export const x = alert('xss-7')

<div onclick="alert('xss-8')">click</div>
`;

async function dirFor(inbox: string, relPath: string): Promise<string> {
  const dir = path.dirname(path.join(inbox, relPath));
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function writeHostileInbox(inbox: string, outside: string): Promise<HostileFile[]> {
  const files: HostileFile[] = [];
  const add = async (name: string, content: string | Uint8Array, expect: HostileFile['expect'], error?: RegExp) => {
    await mkdir(path.dirname(path.join(inbox, name)), { recursive: true });
    await writeFile(path.join(inbox, name), content);
    files.push({ name, expect, error });
  };
  await add('empty.txt', '', 'unpublished');
  await add('empty-memo.ogg', new Uint8Array(0), 'failed', /audio file is empty/);
  await add('random-binary.txt', Uint8Array.from({ length: 64 * 1024 }, (_, i) => (i * 2654435761) >>> 24), 'failed', /not a text file/);
  await add('huge-log.txt', Buffer.alloc(50 * 1024 * 1024, 'deploy ok, no errors\n'), 'failed', /50\.0 MB; notes over 8 MB are not read/);
  await add('one-paragraph.txt', Array.from({ length: 10_000 }, (_, i) => `on day ${i} the weather was fine and we went for a walk by the river`).join('\n'), 'unpublished');
  await add('nul-bytes.md', Buffer.concat([Buffer.from('# Runbook — NUL\n\n1. Restart:\n   ```bash\n   systemctl restart api\n   ```\n'), Buffer.alloc(16, 0)]), 'published');
  await add('invalid-utf8.txt', Buffer.from([0x52, 0x75, 0x6e, 0x62, 0x6f, 0x6f, 0x6b, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0xe9, 0x0a]), 'published');
  await add('utf16-no-bom.txt', Buffer.from('# Runbook — Restart the API\n\n1. Restart it:\n   ```bash\n   systemctl restart api\n   ```\n', 'utf16le'), 'published');
  await add('name with spaces.md', '# Runbook — Spaces in a name\n\n1. Restart:\n   ```bash\n   systemctl restart api\n   ```\n', 'published');
  await add('Отчёт о сбое.md', '# Постмортем — сбой API\n\n**Влияние:** 10 минут ошибок.\n**Причина:** истёк сертификат.\n', 'published');
  await add('🔥 outage 🔥.md', '# Postmortem — outage with emoji in the file name\n\nImpact: 5 minutes of errors.\nRoot cause: bad config.\n', 'published');
  await add('-rf.md', '# Runbook — Leading dash\n\n1. Restart:\n   ```bash\n   systemctl restart api\n   ```\n', 'published');
  await add('a..b.md', '# Runbook — Dots in a name\n\n1. Restart:\n   ```bash\n   systemctl restart api\n   ```\n', 'published');
  await add('bad-yaml.md', '---\ntitle: [unclosed\n: : :\n---\n# Runbook — Bad YAML\n\n1. Restart:\n   ```bash\n   systemctl restart api\n   ```\n', 'published');
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
  await add('yaml-bomb.md', `---\n${bomb.join('\n')}\n---\n# Runbook — YAML bomb\n\n1. Restart:\n   \`\`\`bash\n   systemctl restart api\n   \`\`\`\n`, 'published');
  await add('injection.md', INJECTION, 'published');
  await add('deep-lists.md', `# Runbook — Deep\n\n${Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`, 'failed', /nested \d+ levels deep/);
  await add('deep-quotes.md', `${'>'.repeat(3000)} deep\n`, 'failed', /nested \d+ levels deep/);
  // Exports and documents that cannot be read: each fails with its own reason, the rest go on.
  const docx = await runbookDocx();
  await add('truncated.docx', docx.subarray(0, Math.floor(docx.length / 2)), 'failed', /Word file could not be read .*damaged/);
  await add('encrypted.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]), 'failed', /password-protected or in the old \.doc format/);
  await add('renamed.docx', 'this is not a Word file\n', 'failed', /not a Word \.docx/);
  await add('locked.pdf', await incidentPdf({ userPassword: 'secret' }), 'failed', /PDF is password-protected/);
  const pdf = await incidentPdf();
  await add('cut.pdf', pdf.subarray(0, 600), 'failed', /PDF is damaged|PDF could not be read/);
  await add('slack-export.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'failed', /zip archive is not read; unpack it into the inbox/);
  await add('screenshot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'failed', /images are not read \(no OCR\)/);
  await add('huge.html', Buffer.concat([Buffer.from('<html><body>'), Buffer.alloc(50 * 1024 * 1024, '<p>row</p>\n')]), 'failed', /HTML file is 50\.0 MB; HTML over 16 MB is not read/);
  const slack = slackExport();
  // A day file cut off mid-write: its channel fails, naming the day; channels.json names a channel without a folder.
  for (const [name, text] of Object.entries(slack)) await writeFile(path.join(await dirFor(inbox, `hostile-${name}`), path.basename(name)), name.endsWith('2026-02-27.json') ? text.slice(0, 40) : text);
  files.push({ name: 'hostile-slack/incidents', expect: 'failed', error: /incidents\/2026-02-27\.json is not complete JSON .*cut off/ });
  const telegram = telegramExport();
  for (const [name, text] of Object.entries(telegram)) await writeFile(path.join(await dirFor(inbox, `hostile-${name}`), path.basename(name)), name.endsWith('result.json') ? text.slice(0, Math.floor(text.length * 0.6)) : text);
  files.push({ name: 'hostile-telegram/ChatExport_2026-03-10/result.json', expect: 'failed', error: /result\.json is not complete JSON .*cut off/ });
  await writeFile(outside, 'Runbook — secret outside the inbox\n1. cat /etc/shadow\n');
  await symlink(outside, path.join(inbox, 'link-outside.md'));
  files.push({ name: 'link-outside.md', expect: 'skipped-link' });
  return files;
}

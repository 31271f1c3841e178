import type { Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { mdxToMarkdown } from 'mdast-util-mdx';
import { toMarkdown, type Options, type Unsafe } from 'mdast-util-to-markdown';
import { toString } from 'mdast-util-to-string';
import YAML from 'yaml';

/**
 * MDX serialization. Raw note text never becomes MDX code: it travels as mdast text nodes and is
 * written by mdast-util-to-markdown with the MDX extensions, which escape `{`, `<` and friends.
 */

/**
 * A paragraph that starts with `import ` or `export ` is parsed by MDX as ESM, and the MDX
 * serializer has no rule for it; these patterns make it escape the first letter (as `&#x69;`).
 */
const esmUnsafe: Unsafe[] = [
  { character: 'i', atBreak: true, after: 'mport\\b' },
  { character: 'e', atBreak: true, after: 'xport\\b' },
];

const options: Options = {
  extensions: [mdxToMarkdown(), gfmToMarkdown()],
  unsafe: esmUnsafe,
  bullet: '-',
  emphasis: '_',
  fences: true,
  listItemIndent: 'one',
  rule: '-',
};

const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/)/i;

/**
 * Makes a tree parsed from an untrusted note safe to serialize as MDX: raw HTML becomes text,
 * links with a scheme other than http(s)/mailto lose their URL, images become plain links
 * (nothing is fetched from an author's URL at page load).
 */
export function sanitize(tree: Root): Root {
  const walk = (parent: Nodes): void => {
    if (!('children' in parent)) return;
    const nodes = parent.children as Nodes[];
    // In these, children are blocks: raw HTML there must become a paragraph, since a bare text
    // node in block position is serialized without the escapes that phrasing content gets.
    const blockParent = FLOW_PARENTS.has(parent.type);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.type === 'html') {
        const text: Text = { type: 'text', value: node.value, position: node.position };
        nodes[i] = blockParent ? { type: 'paragraph', children: [text], position: node.position } : text;
      } else if (node.type === 'image') {
        const alt = node.alt || node.url;
        nodes[i] = SAFE_URL.test(node.url)
          ? { type: 'link', url: node.url, children: [{ type: 'text', value: alt }], position: node.position }
          : { type: 'text', value: alt, position: node.position };
      } else if (node.type === 'imageReference') {
        nodes[i] = { type: 'text', value: node.alt ?? '', position: node.position };
      } else if (node.type === 'link' && !SAFE_URL.test(node.url.trim())) {
        nodes[i] = { type: 'text', value: toString(node), position: node.position };
      } else if (node.type === 'definition' && !SAFE_URL.test(node.url.trim())) {
        node.url = '#';
      }
      walk(nodes[i]!);
    }
  };
  walk(tree);
  return tree;
}

const FLOW_PARENTS = new Set(['root', 'listItem', 'blockquote', 'footnoteDefinition']);

/** Serializes a tree to MDX text (no frontmatter). */
export function treeToMdx(tree: Root): string {
  return toMarkdown(tree, options);
}

/** A paragraph holding exactly this text, however hostile. */
export function textParagraph(value: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value } satisfies PhrasingContent] };
}

/**
 * Frontmatter + body. YAML is written by the `yaml` library with sorted-by-schema key order
 * and no line folding, so the same data always gives the same bytes.
 */
export function toMdxFile(frontmatter: Record<string, unknown>, body: Root): string {
  return `---\n${toYaml(frontmatter)}---\n\n${treeToMdx(body)}`;
}

/**
 * YAML for frontmatter. Written as YAML 1.1 so that values a 1.1 reader would misread
 * (`14:02` as the number 842, `2026-05-12` as a Date, `no` as false) are quoted; short lists of
 * numbers (citation line ranges) are written inline as `[17, 18]`.
 */
export function toYaml(data: Record<string, unknown>): string {
  const doc = new YAML.Document(data, { version: '1.1', aliasDuplicateObjects: false });
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.length <= 4 && node.items.every((item) => YAML.isScalar(item) && typeof item.value === 'number')) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

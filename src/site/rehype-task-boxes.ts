import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * A note's task list ("- [x] rotate the key") shows its boxes as the characters ☑ and ☐: GFM's
 * disabled checkboxes are form fields without a label, which screen readers announce as an
 * unnamed control; a character is read as what it is, in any page language.
 */
export default function rehypeTaskBoxes() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'input' || node.properties.type !== 'checkbox' || !parent || index === undefined) return;
      parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['task-box'] }, children: [{ type: 'text', value: node.properties.checked ? '☑' : '☐' }] };
    });
  };
}

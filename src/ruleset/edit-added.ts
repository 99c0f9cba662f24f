/**
 * The step of ruleset/edit.ts that adds new rules at the end of engagement or fit, written by the
 * yaml package's Document API (createNode, toString) and indented like the list's items, each with
 * its evidence as a comment. A list that is absent, empty or `[]` gets them as a block list.
 */
import { Document, type Node, type YAMLMap } from 'yaml';
import type { NewRule } from './edit.js';
import type { RuleList } from './edit-rules.js';
import { asSeq, edited, pairOf, rangeOf, type Splices } from './edit-text.js';

/** New rules as block YAML, each line indented by `indent`; `lead` a comment line above the first. */
function rulesText(rules: NewRule[], lead: string, indent: string, eol: string): string {
  const lines: string[] = [];
  rules.forEach((r, i) => {
    for (const c of [i === 0 ? lead : '', r.before ?? ''].filter((x) => x !== '')) lines.push(`${indent}# ${c}`);
    const doc = new Document({ name: r.name, when: r.when, points: r.points });
    const map = doc.contents as YAMLMap;
    (map.get('when', true) as Node & { flow?: boolean }).flow = true;
    (map.get('points', true) as Node).comment = ` ${r.comment}`;
    doc.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n').forEach((line, j) => lines.push(`${indent}${j === 0 ? '- ' : '  '}${line}`));
  });
  return lines.map((l) => `${l}${eol}`).join('');
}

/** Past the comment lines at the items' indent that follow the last item: the notes of rules removed after it. */
function afterNotes(sp: Splices, at: number, indent: string): number {
  const note = new RegExp(`${indent} *#[^\\n]*\\n`, 'y');
  note.lastIndex = at;
  while (note.test(sp.source)) at = note.lastIndex;
  return at;
}

export function addRules(source: string, list: RuleList, rules: NewRule[], lead: string): string {
  if (rules.length === 0) return source;
  return edited(source, (doc, sp) => {
    const root = doc.contents as YAMLMap;
    const pair = pairOf(root, list);
    const seq = asSeq(pair?.value);
    if (seq && !seq.flow && seq.items.length > 0) {
      const first = rangeOf(seq.items[0])[0];
      const indent = ' '.repeat(sp.source.lastIndexOf('-', first) - sp.lineStart(first));
      const at = afterNotes(sp, sp.throughLine(rangeOf(seq.items[seq.items.length - 1])[2]), indent);
      const text = rulesText(rules, lead, indent, sp.eol);
      sp.replace(at, at, at > 0 && sp.source[at - 1] !== '\n' ? `${sp.eol}${text}` : text);
    } else if (pair) {
      if (seq && seq.items.length > 0) throw new Error(`ruleset edit: ${list} must be made a block list before rules are added`);
      // empty, null or []: the rules go below the key, whose line keeps its comment
      const colon = sp.source.indexOf(':', rangeOf(pair.key)[1]) + 1;
      if (seq) sp.replace(colon, rangeOf(seq)[1], '');
      const at = sp.lineEnd(colon);
      sp.replace(at, at, `${sp.eol}${rulesText(rules, lead, '  ', sp.eol).slice(0, -sp.eol.length)}`);
    } else {
      sp.replace(sp.source.length, sp.source.length, `${sp.source.endsWith('\n') || sp.source === '' ? '' : sp.eol}${list}:${sp.eol}${rulesText(rules, lead, '  ', sp.eol)}`);
    }
  });
}

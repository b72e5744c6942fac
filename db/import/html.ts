// HTML to readable text with parse5 (the WHATWG parsing algorithm, so broken
// markup and entities are read as a browser reads them). Only what a reader
// sees is kept: no scripts, styles, templates, frames or drawings. Block
// elements become paragraphs, <br> a line break, list items "- " lines.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { ReadDocument } from '../shared/import-document.ts';
import { cleanAuthor, cleanLanguage, isoToEdtf } from './document-metadata.ts';
import { cleanTitle } from './normalise.ts';

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'select',
  'datalist',
  'textarea',
  'input',
  'button',
]);

/** Elements that stand on their own lines, a blank line around each. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'details',
  'dialog',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'ul',
]);

/** Elements that start a new line without a blank line before them. */
const LINES = new Set(['li', 'dt', 'dd', 'tr']);

const isElement = (node: T.Node): node is T.Element => 'tagName' in node;
const attr = (element: T.Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

function hidden(element: T.Element): boolean {
  return attr(element, 'hidden') !== undefined || /display\s*:\s*none/i.test(attr(element, 'style') ?? '');
}

/** Builds the text, holding back breaks and spaces until the next word decides them. */
class TextWriter {
  private parts: string[] = [];
  private last = ''; // the last character written
  private pendingBreak: 0 | 1 | 2 = 0;
  private pendingSpace = false;

  private write(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.last = text[text.length - 1]!;
  }

  private atLineStart(): boolean {
    return this.last === '' || this.last === '\n';
  }

  private flush(): void {
    if (this.pendingBreak > 0 && this.last !== '') {
      this.write('\n'.repeat(this.last === '\n' ? this.pendingBreak - 1 : this.pendingBreak));
    } else if (this.pendingSpace && !this.atLineStart()) {
      this.write(' ');
    }
    this.pendingBreak = 0;
    this.pendingSpace = false;
  }

  /** Text as HTML shows it: runs of white space are one space. */
  text(raw: string): void {
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ').replace(/\u00a0/g, ' ');
    if (collapsed.trim() === '') {
      if (collapsed !== '') this.pendingSpace = true;
      return;
    }
    if (collapsed.startsWith(' ')) this.pendingSpace = true;
    this.flush();
    this.write(collapsed.trim());
    if (collapsed.endsWith(' ')) this.pendingSpace = true;
  }

  /** Text inside <pre>, kept as written. */
  preformatted(raw: string): void {
    if (raw === '') return;
    this.flush();
    this.write(raw);
  }

  /** Raw text at the start of a line (a list marker). */
  marker(text: string): void {
    this.flush();
    this.write(text);
  }

  /** Text between two table cells on the same line. */
  separator(text: string): void {
    this.pendingSpace = false;
    if (this.pendingBreak === 0 && !this.atLineStart()) this.write(text);
  }

  lineBreak(): void {
    this.pendingSpace = false;
    this.flush();
    this.write('\n');
  }

  block(kind: 1 | 2): void {
    this.pendingBreak = Math.max(this.pendingBreak, kind) as 1 | 2;
    this.pendingSpace = false;
  }

  toString(): string {
    return this.parts.join('');
  }
}

interface Context {
  pre: boolean;
  /** The numbering of the <ol> whose children these are. */
  ol: { next: number } | null;
  /** The cells written so far in the <tr> whose children these are. */
  row: { cells: number } | null;
}
type Task = { node: T.ChildNode; context: Context } | { close: 1 | 2 };

/** Writes the visible text under `root`; a loop, not recursion, so that no nesting is too deep. */
function writeText(root: T.ParentNode, writer: TextWriter): void {
  const tasks: Task[] = [];
  const pushChildren = (parent: T.ParentNode, context: Context) => {
    for (let i = parent.childNodes.length - 1; i >= 0; i--) tasks.push({ node: parent.childNodes[i]!, context });
  };
  pushChildren(root, { pre: false, ol: null, row: null });
  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    if ('close' in task) {
      writer.block(task.close);
      continue;
    }
    const { node, context } = task;
    if (node.nodeName === '#text') {
      const { value } = node as T.TextNode;
      if (context.pre) writer.preformatted(value);
      else writer.text(value);
      continue;
    }
    if (!isElement(node)) continue; // comments, doctypes
    const tag = node.tagName;
    if (SKIPPED.has(tag) || hidden(node)) continue;
    if (tag === 'br') {
      writer.lineBreak();
      continue;
    }
    if ((tag === 'td' || tag === 'th') && context.row && context.row.cells++ > 0) writer.separator('\t');
    const breaks = BLOCKS.has(tag) ? 2 : LINES.has(tag) ? 1 : 0;
    if (breaks) {
      writer.block(breaks);
      tasks.push({ close: breaks }); // after the children
    }
    if (tag === 'li') writer.marker(context.ol ? `${context.ol.next++}. ` : '- ');
    pushChildren(node, {
      pre: context.pre || tag === 'pre',
      ol: tag === 'ol' ? { next: Number.parseInt(attr(node, 'start') ?? '1', 10) || 1 } : null,
      row: tag === 'tr' ? { cells: 0 } : null,
    });
  }
}

/** Every element a reader could see (and the head), in document order. */
function elements(root: T.ParentNode): T.Element[] {
  const found: T.Element[] = [];
  const stack: T.ChildNode[] = [...root.childNodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isElement(node) || (SKIPPED.has(node.tagName) && node.tagName !== 'head')) continue;
    found.push(node);
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return found;
}

/** The visible text of one element, on one line. */
function lineOf(element: T.Element): string {
  const writer = new TextWriter();
  writeText(element, writer);
  return writer.toString();
}

/** The text of an element that holds only text (<title>). */
function textOf(element: T.Element): string {
  return element.childNodes.map((n) => (n.nodeName === '#text' ? (n as T.TextNode).value : '')).join('');
}

const AUTHOR_META = ['author', 'dc.creator', 'dcterms.creator', 'article:author'];
const DATE_META = ['article:published_time', 'date', 'dc.date', 'dcterms.date', 'dc.date.issued', 'dcterms.issued', 'pubdate'];

interface Metadata {
  title: string | null;
  heading: string | null;
  author: string | null;
  published: string | null;
  language: string | null;
}

function readMetadata(document: T.Document): Metadata {
  const metas = new Map<string, string>();
  let title: string | null = null;
  let heading: string | null = null;
  let time: string | null = null;
  let language: string | null = null;
  for (const element of elements(document)) {
    switch (element.tagName) {
      case 'html':
        language ??= cleanLanguage(attr(element, 'lang') ?? attr(element, 'xml:lang'));
        break;
      case 'title':
        title ??= cleanTitle(textOf(element));
        break;
      case 'h1':
        heading ??= cleanTitle(lineOf(element));
        break;
      case 'time':
        time ??= isoToEdtf(attr(element, 'datetime'));
        break;
      case 'meta': {
        const key = (attr(element, 'name') ?? attr(element, 'property') ?? attr(element, 'http-equiv') ?? '').trim().toLowerCase();
        const content = attr(element, 'content');
        if (key !== '' && content !== undefined && !metas.has(key)) metas.set(key, content);
        break;
      }
    }
  }
  /** The first of these <meta> fields that reads as a value. */
  const first = (keys: string[], read: (content: string) => string | null): string | null => {
    for (const key of keys) {
      const content = metas.get(key);
      const value = content === undefined ? null : read(content);
      if (value !== null) return value;
    }
    return null;
  };
  return {
    title,
    heading,
    author: first(AUTHOR_META, (value) => (/^https?:/i.test(value.trim()) ? null : cleanAuthor(value))),
    published: first(DATE_META, isoToEdtf) ?? time,
    language: language ?? first(['content-language'], (value) => cleanLanguage(value.split(',')[0])),
  };
}

export function readHtml(html: string): ReadDocument {
  const document = parse(html);
  const writer = new TextWriter();
  writeText(document, writer);
  const meta = readMetadata(document);
  return {
    text: writer.toString(),
    title: meta.title ?? meta.heading,
    author: meta.author,
    published: meta.published,
    language: meta.language,
  };
}

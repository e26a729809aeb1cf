// Builds DOM elements from data without ever parsing HTML.
//
// Lifeline shows data about victims and about the people who protect them;
// every string that reaches the page is inserted as a text node, so nothing
// that comes from the server or from a user can become markup or script.

export type Child = Node | string | number | null | undefined | false;

type Handlers = {
  [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void;
};

export interface Props {
  class?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Handlers;
}

// Event-handler attributes and style attributes are refused: the first would be
// script outside our bundle, the second is blocked by the Content-Security-Policy.
function assertSafeAttribute(name: string): void {
  const lower = name.toLowerCase();
  if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') {
    throw new Error(`Attribute not allowed: ${name}`);
  }
}

function setAttributes(element: Element, attrs: NonNullable<Props['attrs']>): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    assertSafeAttribute(name);
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function addHandlers(element: HTMLElement, handlers: Handlers): void {
  for (const [type, handler] of Object.entries(handlers)) {
    if (handler) element.addEventListener(type, handler as EventListener);
  }
}

export function toNode(child: Child): Node | null {
  if (child === null || child === undefined || child === false) return null;
  if (child instanceof Node) return child;
  return document.createTextNode(String(child));
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    const node = toNode(child);
    if (node) parent.appendChild(node);
  }
}

/** Creates an element: h('p', { class: 'hint' }, 'Some text', h('strong', {}, name)). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.attrs) setAttributes(element, props.attrs);
  if (props.on) addHandlers(element, props.on);
  append(element, children);
  return element;
}

/** Replaces all children of an element. */
export function replaceContent(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idCounter = 0;

/** An id unique within the page, used to tie labels and hints to inputs. */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes and its text, which is never read as markup. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NAMESPACE, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

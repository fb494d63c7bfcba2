import { h, s } from './dom.js';

const swatch = (...children: SVGElement[]) => s('svg', { width: 44, height: 22, viewBox: '0 0 44 22', 'aria-hidden': 'true' }, ...children);
const box = (cls: string, rx = 3) => swatch(s('g', { class: `node ${cls}` }, s('rect', { class: 'shape', x: 2, y: 3, width: 40, height: 16, rx })));
const line = (cls: string) => swatch(s('g', { class: cls }, s('path', { class: 'edge', d: 'M2,11 L42,11' })));
const hex = () => swatch(s('g', { class: 'node decision' }, s('polygon', { class: 'shape', points: '8,3 36,3 42,11 36,19 8,19 2,11' })));

/** What the colours, shapes and dashes of the charts mean. */
export function legend(): HTMLElement {
  const item = (sw: SVGElement, text: string) => h('li', {}, sw, h('span', {}, text));
  return h('section', { class: 'legend', 'aria-label': 'legend' }, h('h2', {}, 'Legend'),
    h('ul', {},
      item(box('current'), 'current node'),
      item(box('visited'), 'visited in this call'),
      item(line('edge-group taken'), 'edge taken'),
      item(swatch(s('path', { class: 'edge extension', d: 'M2,11 L42,11' })), "extension edge (a SPEC rule; not in Microsoft's drawing)"),
      item(hex(), 'decision (yes / no)'),
      item(box('step'), 'step'),
      item(box('end', 8), 'start or result (rounded)'),
      item(box('helper', 8), "helper state (the machine's own, not in the drawing)")));
}

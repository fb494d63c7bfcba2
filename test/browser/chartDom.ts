import type { Page } from 'playwright-core';
import type { GChart } from './geometry.js';

/** What Chromium drew for one chart, read back from the DOM in the chart's own units. */
export function drawnChart(page: Page, machine: string): Promise<GChart & { labels: { edge: string; meta: string; text: string }[] }> {
  return page.$eval(`svg[data-machine="${machine}"]`, (svg) => {
    const vb = (svg as SVGSVGElement).viewBox.baseVal;
    const box = (el: SVGGraphicsElement) => {
      const b = el.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    const nodes = [...svg.querySelectorAll<SVGGElement>('g.node')].map((g) => ({ id: g.dataset.node!, ...box(g.querySelector<SVGGraphicsElement>('.shape')!) }));
    const labelEls = [...svg.querySelectorAll<SVGGElement>('g.edge-label')];
    const edges = [...svg.querySelectorAll<SVGGElement>('g.edge-group')].map((g, i) => {
      const [from, to] = g.dataset.edge!.split('>') as [string, string];
      const d = g.querySelector('path')!.getAttribute('d')!;
      const points = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
      const label = g.dataset.label ?? '';
      // Labels are drawn in edge order: the i-th labelled edge owns the i-th label.
      const labelled = [...svg.querySelectorAll<SVGGElement>('g.edge-group')].slice(0, i).filter((x) => x.dataset.label).length;
      const el = label ? labelEls[labelled] : undefined;
      return { from, to, label, points, ...(el ? { labelBox: box(el.querySelector('rect')!) } : {}) };
    });
    const labels = labelEls.map((el, i) => {
      const owner = [...svg.querySelectorAll<SVGGElement>('g.edge-group')].filter((x) => x.dataset.label)[i];
      return { edge: el.dataset.edge!, meta: owner?.dataset.label ?? '', text: el.textContent ?? '' };
    });
    return { machine: svg.getAttribute('data-machine')!, width: vb.width, height: vb.height, nodes, edges, labels };
  });
}

/** The smallest rendered size of node text in a chart, in CSS px: computed size × the drawing's scale. */
export function smallestNodeText(page: Page, machine: string): Promise<number> {
  return page.$eval(`svg[data-machine="${machine}"]`, (svg) => {
    const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('g.node text, g.edge-label text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    return Math.min(...sizes);
  });
}

/** Nodes whose text runs out of their box (as Chromium measured the text), with how far. */
export function overflowingText(page: Page, machine: string): Promise<string[]> {
  return page.$eval(`svg[data-machine="${machine}"]`, (svg) =>
    [...svg.querySelectorAll<SVGGElement>('g.node')].flatMap((g) => {
      const shape = g.querySelector<SVGGraphicsElement>('.shape')!.getBBox();
      const text = g.querySelector<SVGGraphicsElement>('text')!.getBBox();
      // A decision's text must also clear its pointed ends.
      const indent = g.classList.contains('decision') ? 8 : 0;
      const out = Math.max(shape.x + indent - text.x, text.x + text.width - (shape.x + shape.width - indent), shape.y - text.y, text.y + text.height - (shape.y + shape.height));
      return out > 0.5 ? [`${g.dataset.node} by ${out.toFixed(1)} px`] : [];
    }),
  );
}

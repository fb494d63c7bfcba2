import { MACHINES_BY_NAME } from '../../src/graph/machines.js';
import { chartModel } from './chartModel.js';
import { layoutChart } from './elkLayout.js';
import { chartTitle } from './titles.js';
import type { LaidOutChart } from './types.js';

/** Every machine's chart, laid out, in run order (A, C, B, D…). */
export function layoutAllCharts(): Promise<LaidOutChart[]> {
  return Promise.all(Object.entries(MACHINES_BY_NAME).map(([name, m]) => layoutChart(chartModel(name, m), chartTitle(name, m))));
}

// How the chart looks: cytoscape draws on a canvas and cannot read CSS
// variables, so the app's colours are read from the page (light or dark) here.
import type { StylesheetJson } from 'cytoscape';

const KIND_SHAPES = { actor: 'ellipse', place: 'round-triangle', event: 'round-rectangle', source: 'round-tag' } as const;

export function chartStyle(): StylesheetJson {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const fills = {
    actor: dark ? '#4f7fb0' : '#5b8cc0',
    place: dark ? '#4f9460' : '#5fa36f',
    event: dark ? '#c0894a' : '#d09653',
    source: dark ? '#8a8f96' : '#9aa0a7',
  };
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 10,
        // Labels too small to read are not drawn (this also keeps a large chart quick to draw).
        'min-zoomed-font-size': 6,
        color: v('--text'),
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'text-outline-color': v('--bg'),
        'text-outline-width': 2,
        width: 'mapData(size, 0, 1, 16, 46)',
        height: 'mapData(size, 0, 1, 16, 46)',
        'border-width': 1.5,
        'border-color': v('--pane'),
      },
    },
    ...(Object.keys(KIND_SHAPES) as (keyof typeof KIND_SHAPES)[]).map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: { shape: KIND_SHAPES[kind], 'background-color': fills[kind] },
    })),
    { selector: 'node[?pinned]', style: { 'border-width': 3, 'border-color': v('--text'), 'border-style': 'double' as const } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': v('--accent'), 'overlay-opacity': 0 } },
    { selector: 'node.match', style: { 'border-width': 4, 'border-color': v('--danger') } },
    {
      selector: 'edge',
      style: {
        width: 'mapData(evidence, 0, 5, 1, 6)',
        'line-color': dark ? '#4a5059' : '#b9b4aa',
        'target-arrow-color': dark ? '#4a5059' : '#b9b4aa',
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 8,
        'min-zoomed-font-size': 6,
        color: v('--muted'),
        'text-rotation': 'autorotate',
        'text-outline-color': v('--bg'),
        'text-outline-width': 2,
        'text-opacity': 0,
      },
    },
    { selector: 'edge[kind = "relation"]', style: { 'line-color': fills.actor, 'target-arrow-color': fills.actor, 'text-opacity': 1 } },
    { selector: 'edge[?directed]', style: { 'target-arrow-shape': 'triangle' } },
    { selector: 'edge[kind = "location"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge:selected, edge.hover', style: { 'text-opacity': 1, 'line-color': v('--accent') } },
    {
      selector: '.path',
      style: {
        'line-color': v('--danger'),
        'target-arrow-color': v('--danger'),
        'border-color': v('--danger'),
        'border-width': 4,
        'z-index': 10,
      },
    },
    { selector: '.faded', style: { opacity: 0.25 } },
  ];
}

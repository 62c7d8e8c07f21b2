import type { GraphModule } from './module-graph';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The graph in Graphviz DOT: one box per module (its name, then its controllers and providers),
 * an arrow from each module to each module it imports. Global modules are dashed, dynamic ones
 * (`forRoot()`, `forFeature()`) say so.
 */
export function toDot(modules: readonly GraphModule[]): string {
  const lines = [
    'digraph tenon {',
    '  rankdir=LR;',
    '  graph [fontname="Helvetica", nodesep=0.4, ranksep=0.8];',
    '  node [shape=plaintext, fontname="Helvetica", fontsize=11];',
    '  edge [color="#5c7cfa", arrowsize=0.7];',
  ];
  for (const m of modules) {
    const rows = [
      `<tr><td bgcolor="${m.global ? '#495057' : '#3b5bdb'}"><font color="white"><b>${escape(m.name)}</b>${m.dynamic ? ' <i>(dynamic)</i>' : ''}${m.global ? ' <i>(global)</i>' : ''}</font></td></tr>`,
      ...m.controllers.map((c) => `<tr><td align="left" bgcolor="#fff3bf">&#9656; ${escape(c)}</td></tr>`),
      ...m.providers.map((p) => `<tr><td align="left">&#8226; ${escape(p)}</td></tr>`),
    ];
    lines.push(
      `  ${m.id} [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="4" color="#adb5bd" bgcolor="#f8f9fa"${m.global ? ' style="dashed"' : ''}>${rows.join('')}</table>>];`,
    );
  }
  for (const m of modules) for (const target of m.imports) lines.push(`  ${m.id} -> ${target};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** SVG from DOT with Graphviz compiled to WebAssembly (@viz-js/viz: no network, no binary). */
export async function toSvg(dot: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const viz = require('@viz-js/viz') as typeof import('@viz-js/viz');
  return (await viz.instance()).renderString(dot, { format: 'svg' });
}

/** A self-contained HTML page around the SVG (opens offline), with a legend and the counts. */
export function toHtml(svg: string, modules: readonly GraphModule[], title: string): string {
  const providers = modules.reduce((n, m) => n + m.providers.length, 0);
  const controllers = modules.reduce((n, m) => n + m.controllers.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}: module graph</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #212529; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  p { margin: 0 0 16px; color: #495057; }
  .legend span { display: inline-block; margin-right: 16px; }
  .graph svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p>${modules.length} modules, ${controllers} controllers, ${providers} providers. Arrows point from a module to the modules it imports.</p>
<p class="legend"><span>&#9656; controller</span><span>&#8226; provider</span><span>dark header: global module</span></p>
<div class="graph">
${svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<!DOCTYPE[^>]*>\s*/, '')}
</div>
</body>
</html>
`;
}

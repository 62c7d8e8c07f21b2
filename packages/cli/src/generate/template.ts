import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../package-root';

/** Values substituted for `{{key}}` in templates and for `__key__` in template file names. */
export type TemplateValues = Readonly<Record<string, string>>;

/** `templates/<group>` inside this package (shipped in the tarball). */
export function templateDir(group: string): string {
  return path.join(PACKAGE_ROOT, 'templates', group);
}

/** Replaces every `{{key}}`; an unknown key is left visible rather than silently emptied. */
export function render(text: string, values: TemplateValues): string {
  return text.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
}

/**
 * The output name of a template file: `.tpl` dropped, `__key__` replaced, and a leading `_`
 * turned into `.` (`_gitignore.tpl` → `.gitignore`: npm would drop a real .gitignore from the tarball).
 */
export function outputName(relative: string, values: TemplateValues): string {
  return relative
    .replace(/\.tpl$/, '')
    .replace(/__(\w+)__/g, (match, key: string) => values[key] ?? match)
    .split('/')
    .map((part) => (part.startsWith('_') && !part.startsWith('__') ? `.${part.slice(1)}` : part))
    .join('/');
}

/** Every file under a template folder, as paths relative to it with `/` separators. */
export function templateFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(path.join(dir, relative)).isDirectory()) files.push(...templateFiles(dir, relative));
    else files.push(relative);
  }
  return files;
}

/** One template file rendered. */
export function renderFile(dir: string, relative: string, values: TemplateValues): string {
  return render(readFileSync(path.join(dir, relative), 'utf8'), values);
}

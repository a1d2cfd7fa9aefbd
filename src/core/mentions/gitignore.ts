// A workspace's .gitignore as glob patterns for the editor's file search, which honours `files.exclude` but not
// .gitignore. Covers what most .gitignore files use: names, paths anchored with `/`, directories ending in `/` and
// `*` wildcards. A negation (`!keep.me`) cannot be said in an exclude glob, so it is left out: the file it would bring
// back stays hidden from `#`, which errs on the side of offering less.

/** Globs (relative to the folder that holds the .gitignore) for the lines of `content`. */
export function gitignoreGlobs(content: string): string[] {
  const globs: string[] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // Braces and commas would break the `{a,b}` the globs are joined into.
    if (/[{},]/.test(line)) continue;
    const directory = line.endsWith('/');
    const body = line.replace(/^\/|\/$/g, '');
    if (body === '' || body === '**') continue;
    const anchored = line.startsWith('/') || body.includes('/');
    const base = anchored || body.startsWith('**/') ? body : `**/${body}`;
    globs.push(`${base}/**`);
    if (!directory) globs.push(base);
  }
  return [...new Set(globs)];
}

/** One exclude glob from several, or undefined when there are none. */
export function joinGlobs(globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}

/**
 * A test for paths (relative, with `/`) that one of `globs` matches, for searches that do not apply an exclude
 * themselves (the web's file search may not). Knows `**`, `*` and `?`, which is all gitignoreGlobs writes.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const sources = globs.map((glob) => glob.split('/').map((part, index, parts) => {
    if (part === '**') return index === parts.length - 1 ? '.*' : '(?:[^/]+/)*';
    const body = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    return index === parts.length - 1 ? body : `${body}/`;
  }).join(''));
  const pattern = new RegExp(`^(?:${sources.join('|')})$`);
  return (path) => pattern.test(path);
}

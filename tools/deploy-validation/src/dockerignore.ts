/** Minimal .dockerignore semantics (Docker's fileutils): patterns in order, `!` re-includes, last match wins,
 *  a pattern matching a directory excludes everything under it, `**` spans directories. */
export function dockerignoreMatcher(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, '').replace(/\/+$/, '');
      const re = new RegExp(
        '^' +
          pattern
            .split(/(\*\*\/|\*\*|\*|\?)/)
            .map((part) => {
              if (part === '**/') return '(?:.*/)?';
              if (part === '**') return '.*';
              if (part === '*') return '[^/]*';
              if (part === '?') return '[^/]';
              return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
            })
            .join('') +
          '$',
      );
      return { negate, re };
    });
  return (path: string) => {
    const parts = path.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const r of rules) if (candidates.some((c) => r.re.test(c))) excluded = !r.negate;
    return excluded;
  };
}

/** GitHub heading anchors of a Markdown document (lower case, punctuation dropped, spaces → dashes). */
export function githubAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    let slug = m[1]
      .toLowerCase()
      .replace(/`/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const base = slug;
    for (let i = 1; anchors.has(slug); i++) slug = `${base}-${i}`;
    anchors.add(slug);
  }
  return anchors;
}

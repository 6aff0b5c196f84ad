// Wrap text to a terminal's width at word boundaries (key help, answers), so nothing is cut at the edge.

/**
 * Lines of at most `widthColumns` characters holding `text`'s words in order, broken at spaces;
 * a word longer than the width is split. Runs of two spaces (the key help's separators) are kept
 * inside a line and dropped at a break.
 */
export function wrapText(text: string, widthColumns: number): string[] {
  const width = Math.max(1, widthColumns);
  const lines: string[] = [];
  let line = '';
  text.split(/( {2,})/).forEach((part, index) => {
    // Odd parts are the separators between groups (split keeps them): kept only within a line.
    if (index % 2 === 1) {
      if (line !== '') line += part;
      return;
    }
    part.split(' ').filter((word) => word !== '').forEach((word, wordIndex) => {
      const gap = line === '' ? '' : wordIndex === 0 ? '' : ' ';
      let rest = word;
      if (line !== '' && (line + gap + rest).length > width) {
        lines.push(line.trimEnd());
        line = '';
      }
      while (rest.length > width) {
        if (line !== '') lines.push(line.trimEnd());
        lines.push(rest.substring(0, width));
        rest = rest.substring(width);
        line = '';
      }
      line = line === '' ? rest : line + gap + rest;
    });
  });
  if (line.trimEnd() !== '') lines.push(line.trimEnd());
  return lines;
}

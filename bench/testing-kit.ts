/**
 * Testing-kit benchmark: the per-test cost of synthesizing a small program (3 roles, a user in a
 * group, 6 statements) and asserting on it, with pulumi-iamx/testing (`synthesize`) and with
 * aws-cdk-lib (`Template.fromStack`), each in a process of its own, modules loaded before timing.
 * Prints the first test's time and the steady state (median of the following tests) of both, and
 * the ratios iamx/CDK, in wall time and in CPU time (less sensitive to a busy machine). The two
 * libraries' processes alternate for ROUNDS rounds (default 3) and each figure is the median over
 * the rounds, so a change of the machine's load does not land on one library only. The assertions are the same in both: resource counts, a role's trust, a
 * policy document (objectLike), and a property that is absent. Asserts nothing itself.
 *
 * Run: npm run bench:testing-kit [-- TESTS] (default 60 tests per library; ROUNDS=n to change the rounds).
 */
import { execFileSync } from "node:child_process";
import { median } from "./process-measure";

const TESTS = Number(process.argv[2] === "--child" ? process.argv[4] : (process.argv[2] ?? 60));
const ROUNDS = Number(process.env.ROUNDS ?? 3);

/** Milliseconds of one library's tests: wall and CPU (user + system) time. */
interface Timing {
  readonly first: number;
  readonly steady: number;
  readonly firstCpu: number;
  readonly steadyCpu: number;
}

function time(fn: () => Promise<void>, n: number): Promise<Timing> {
  return (async () => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      await fn();
      const used = process.cpuUsage(c);
      wall.push(Number(process.hrtime.bigint() - t) / 1e6);
      cpu.push((used.user + used.system) / 1e3);
    }
    return { first: wall[0], steady: median(wall.slice(1)), firstCpu: cpu[0], steadyCpu: median(cpu.slice(1)) };
  })();
}

/** The median of each figure over the rounds. */
function medianTiming(ts: Timing[]): Timing {
  const m = (k: keyof Timing) => median(ts.map((t) => t[k]));
  return { first: m("first"), steady: m("steady"), firstCpu: m("firstCpu"), steadyCpu: m("steadyCpu") };
}

async function iamxTest(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in the child only */
  const iamx = require("../src") as typeof import("../src");
  const { synthesize, Match } = require("../src/testing") as typeof import("../src/testing");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const s = await synthesize(() => {
    const roles = ["a", "b", "c"].map(
      (n) => new iamx.Role(`role-${n}`, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") }),
    );
    for (const [i, r] of roles.entries()) {
      r.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::b${i}/*`] }));
      r.addToPolicy(
        new iamx.PolicyStatement({
          actions: ["sqs:SendMessage"],
          resources: [`arn:aws:sqs:us-east-1:123456789012:q${i}`],
        }),
      );
    }
    const group = new iamx.Group("devs");
    new iamx.User("alice", { groups: [group] });
  });
  s.resourceCountIs("aws:iam/role:Role", 3);
  s.resourceCountIs("aws:iam/user:User", 1);
  s.hasResourceProperties("aws:iam/role:Role", {
    assumeRolePolicy: Match.serializedJson(
      Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: "lambda.amazonaws.com" } })] }),
    ),
  });
  s.hasResourceProperties("aws:iam/rolePolicy:RolePolicy", {
    policy: Match.serializedJson(
      Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/*" })]),
      }),
    ),
  });
  s.resourcePropertiesCountIs("aws:iam/role:Role", { permissionsBoundary: Match.absent() }, 3);
}

function cdkTest(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in the child only */
  const cdk = require("aws-cdk-lib") as typeof import("aws-cdk-lib");
  const iam = require("aws-cdk-lib/aws-iam") as typeof import("aws-cdk-lib/aws-iam");
  const { Template, Match } = require("aws-cdk-lib/assertions") as typeof import("aws-cdk-lib/assertions");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stack = new cdk.Stack();
  const roles = ["a", "b", "c"].map(
    (n) => new iam.Role(stack, `role-${n}`, { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com") }),
  );
  for (const [i, r] of roles.entries()) {
    r.addToPolicy(new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::b${i}/*`] }));
    r.addToPolicy(
      new iam.PolicyStatement({
        actions: ["sqs:SendMessage"],
        resources: [`arn:aws:sqs:us-east-1:123456789012:q${i}`],
      }),
    );
  }
  const group = new iam.Group(stack, "devs");
  new iam.User(stack, "alice", { groups: [group] });
  const t = Template.fromStack(stack);
  t.resourceCountIs("AWS::IAM::Role", 3);
  t.resourceCountIs("AWS::IAM::User", 1);
  t.hasResourceProperties("AWS::IAM::Role", {
    AssumeRolePolicyDocument: Match.objectLike({
      Statement: [Match.objectLike({ Principal: { Service: "lambda.amazonaws.com" } })],
    }),
  });
  t.hasResourceProperties("AWS::IAM::Policy", {
    PolicyDocument: Match.objectLike({
      Statement: Match.arrayWith([Match.objectLike({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/*" })]),
    }),
  });
  t.resourcePropertiesCountIs("AWS::IAM::Role", { PermissionsBoundary: Match.absent() }, 3);
  return Promise.resolve();
}

async function child(lib: string): Promise<void> {
  // load the modules before timing (a test file's imports run before its first test)
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (lib === "iamx") {
    require("../src");
    require("../src/testing");
  } else {
    require("aws-cdk-lib");
    require("aws-cdk-lib/aws-iam");
    require("aws-cdk-lib/assertions");
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const timing = await time(lib === "iamx" ? iamxTest : cdkTest, TESTS);
  process.stdout.write(JSON.stringify(timing));
}

function runChild(lib: string): Timing {
  const out = execFileSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", __filename, "--child", lib, String(TESTS)],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      // CDK's template validation (off in our parity tests too) is not part of Template.fromStack's cost
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1", CDK_VALIDATION: "false" },
    },
  );
  return JSON.parse(out) as Timing;
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") return child(process.argv[3]);
  console.log(
    `testing-kit benchmark: ${TESTS} tests per library, one process each, modules loaded first, ` +
      `${ROUNDS} alternating rounds (medians)\n`,
  );
  const oursRuns: Timing[] = [];
  const theirsRuns: Timing[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    oursRuns.push(runChild("iamx"));
    theirsRuns.push(runChild("cdk"));
  }
  const ours = medianTiming(oursRuns);
  const theirs = medianTiming(theirsRuns);
  const ms = (v: number, w: number) => `${v.toFixed(1).padStart(w)} ms`;
  const row = (name: string, t: Timing): string =>
    `${name.padEnd(34)} | ${ms(t.first, 8)} | ${ms(t.steady, 8)} | ${ms(t.firstCpu, 8)} | ${ms(t.steadyCpu, 8)}`;
  const ratio = (a: number, b: number, w: number) => (a / b).toFixed(2).padStart(w);
  console.log(`${"".padEnd(34)} | first test  | steady      | first CPU   | steady CPU`);
  console.log(row("pulumi-iamx/testing synthesize", ours));
  console.log(row("aws-cdk-lib Template.fromStack", theirs));
  console.log(
    `${"ratio iamx / CDK".padEnd(34)} | ${ratio(ours.first, theirs.first, 11)} | ${ratio(ours.steady, theirs.steady, 11)} | ` +
      `${ratio(ours.firstCpu, theirs.firstCpu, 11)} | ${ratio(ours.steadyCpu, theirs.steadyCpu, 10)}`,
  );
  console.log("\nGoal: ratio ≤ 0.5, first test and steady state.");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * Cost of the AWS action catalogue check in PolicyStatement.addActions: cold start (first check
 * loads the service list and each service's file), then steady state with and without checking.
 * Prints figures; asserts nothing. Run: npx ts-node --transpile-only bench/actions.ts
 */
import { _resetActionCatalogue } from "../src/core/actions";
import { configure } from "../src/core/settings";
import { PolicyStatement } from "../src/core/statement";

const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:List*",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "dynamodb:GetItem",
  "dynamodb:Query",
  "kms:Decrypt",
  "lambda:InvokeFunction",
  "ec2:DescribeInstances",
];

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function run(n: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = new PolicyStatement();
    s.addActions(...ACTIONS);
  }
  return ms(start);
}

function main(): void {
  _resetActionCatalogue();
  configure({ checkActions: true });
  let start = process.hrtime.bigint();
  new PolicyStatement().addActions(...ACTIONS);
  console.log(`cold start (load 6 services, check ${ACTIONS.length} actions): ${ms(start).toFixed(2)} ms`);
  start = process.hrtime.bigint();
  new PolicyStatement().addActions("ec2:RunInstances");
  console.log(`second call, services already loaded: ${ms(start).toFixed(3)} ms`);

  const n = 20_000;
  for (const round of [1, 2]) {
    configure({ checkActions: false });
    const off = run(n);
    configure({ checkActions: true });
    const on = run(n);
    const perStatementUs = ((on - off) / n) * 1000;
    console.log(
      `round ${round}: ${n} statements x ${ACTIONS.length} actions — unchecked ${off.toFixed(1)} ms, ` +
        `checked ${on.toFixed(1)} ms (${perStatementUs.toFixed(2)} µs more per statement, ` +
        `${((perStatementUs * 1000) / ACTIONS.length).toFixed(0)} ns per action)`,
    );
  }

  _resetActionCatalogue();
  start = process.hrtime.bigint();
  for (const svc of ["s3", "ec2", "iam", "sts", "kms", "lambda", "dynamodb", "sqs", "sns", "logs"]) {
    new PolicyStatement().addActions(`${svc}:*`);
  }
  console.log(`cold load of 10 common services (incl. ec2, the largest file): ${ms(start).toFixed(1)} ms`);
}

main();

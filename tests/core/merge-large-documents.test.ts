// Large grant-shaped documents, the shapes merging has fast paths for (a fresh bucket index for the
// passes after the first, no (actions, resources) key without principals, shared id sets for
// repeated lists), render what aws-cdk-lib renders, minimize on and off.
import { expect } from "chai";
import { checkParity, type Iam } from "../cdk-parity/oracle";

/** A small deterministic PRNG, so every run (and both libraries) sees the same document. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1103515245 + 12345) >>> 0;
    return a / 4294967296;
  };
}

const ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "sqs:SendMessage", "kms:Decrypt", "sns:Publish"];
const RESOURCES = Array.from({ length: 40 }, (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(2, "0")}/*`);
const LISTS = [ACTIONS.slice(0, 3), ACTIONS.slice(3, 5), [ACTIONS[5], ACTIONS[0]]];

/** One action on one resource each, some repeated, shuffled; `principalAt`: one statement names a principal. */
function grants(seed: number, principalAt?: number) {
  const rand = prng(seed);
  const pairs: [string, string][] = [];
  for (const a of ACTIONS) for (const r of RESOURCES) pairs.push([a, r]);
  for (let i = 0; i < pairs.length; i++) if (rand() < 0.1) pairs[i] = pairs[Math.floor(rand() * pairs.length)];
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return (lib: Iam) => {
    const doc = new lib.PolicyDocument();
    pairs.forEach(([a, r], i) => {
      const s = new lib.PolicyStatement({ actions: [a], resources: [r] });
      if (i === principalAt) s.addArnPrincipal("arn:aws:iam::111111111111:role/r");
      doc.addStatements(s);
    });
    return doc;
  };
}

/** Statements sharing a few action lists, on one bucket and its objects each, shuffled. */
function services(seed: number) {
  const rand = prng(seed);
  const picks = Array.from({ length: 150 }, () => [
    Math.floor(rand() * LISTS.length),
    Math.floor(rand() * RESOURCES.length),
  ]);
  return (lib: Iam) => {
    const doc = new lib.PolicyDocument();
    for (const [l, r] of picks) {
      doc.addStatements(new lib.PolicyStatement({ actions: LISTS[l], resources: [RESOURCES[r], `${RESOURCES[r]}-x`] }));
    }
    return doc;
  };
}

type Rendered = { Statement: unknown[] } | undefined;

describe("core: merging large grant-shaped documents", () => {
  it("renders 240 single grants as aws-cdk-lib does, with and without a principal among them", () => {
    for (const seed of [1, 2, 3]) {
      const plain = checkParity(grants(seed));
      expect((plain.on as Rendered)?.Statement.length, "merged").to.be.lessThan(20);
      checkParity(grants(seed, 7));
      checkParity(grants(seed, 200));
    }
  });

  it("finds a merge only a later pass can make, after most statements merged away", () => {
    // X and Y agree on nothing until Y takes in Z (a first-pass merge after X's turn); then they
    // share their resources (or, swapped, their actions), which only the second pass sees. The
    // repeated W statements merge away first, so that pass runs on a fresh index.
    for (const swap of [false, true]) {
      const out = checkParity((lib: Iam) => {
        const st = (actions: string[], resources: string[]) =>
          new lib.PolicyStatement(swap ? { actions: resources, resources: actions } : { actions, resources });
        const doc = new lib.PolicyDocument();
        doc.addStatements(st(["a:X"], ["arn:r1", "arn:r2"]), st(["a:Y"], ["arn:r1"]), st(["a:Y"], ["arn:r2"]));
        for (let i = 0; i < 10; i++) doc.addStatements(st(["a:W"], ["arn:w"]));
        return doc;
      });
      expect((out.on as Rendered)?.Statement.length, swap ? "swapped" : "plain").to.equal(2);
    }
  });

  it("renders 150 statements sharing action lists as aws-cdk-lib does", () => {
    for (const seed of [4, 5]) {
      const out = checkParity(services(seed));
      expect((out.on as Rendered)?.Statement.length, "merged").to.be.lessThan(150);
    }
  });
});

// Region names of every partition, the European Sovereign Cloud's `eusc-` ones included, are
// Regions to the ARN checks and to a program's environment; text that is no Region is refused.
import { expect } from "chai";
import * as iamx from "../../src";
import { validatePolicy } from "../../src/validate";

const REGIONS: [string, string][] = [
  ["aws", "us-east-1"],
  ["aws-cn", "cn-north-1"],
  ["aws-us-gov", "us-gov-west-1"],
  ["aws-iso", "us-iso-east-1"],
  ["aws-iso-b", "us-isob-east-1"],
  ["aws-iso-e", "eu-isoe-west-1"],
  ["aws-iso-f", "us-isof-south-1"],
  ["aws-eusc", "eusc-de-east-1"],
];

function queuePolicyCodes(partition: string, region: string): string[] {
  const doc = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:${partition}:sqs:${region}:111122223333:q` },
    ],
  };
  return validatePolicy(doc).map((f) => f.code);
}

describe("validate: region names of every partition", () => {
  for (const [partition, region] of REGIONS) {
    it(`${region} (${partition}) is a Region in an ARN and in configure({ env })`, () => {
      expect(queuePolicyCodes(partition, region)).to.not.include("INVALID_ARN_REGION");
      const before = iamx.settings().env;
      try {
        const env = iamx.configure({ env: { region } }).env;
        expect(env.partition).to.equal(partition);
      } finally {
        iamx.configure({ env: before });
      }
    });
  }

  it("text that is no Region is INVALID_ARN_REGION and refused by configure({ env })", () => {
    for (const bad of ["virginia", "eusc-1", "euscx-de-east-1", "US-EAST-1"]) {
      expect(queuePolicyCodes("aws", bad), bad).to.include("INVALID_ARN_REGION");
      expect(() => iamx.configure({ env: { region: bad } }), bad).to.throw(/region must be an AWS region name/);
    }
  });
});

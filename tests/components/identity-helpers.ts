// Shared by the identity component tests (user, group, access key, instance profile).
import { expect } from "chai";
import { PolicyStatement } from "../../src/core/statement";
import type { CfnResource } from "../../src/render/cloudformation/model";
import { synthesizeRaw, type SynthesizedResource } from "../../src/testing/synthesize";
import { validationError } from "./iamx-helpers";

export { validationError, valueOf } from "./iamx-helpers";

/** A statement for identity policies: `s3:GetObject` on `arn:aws:s3:::b/*`. */
export const s3Read = (): PolicyStatement =>
  new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] });

/** The registered resources of one Pulumi type. */
export const ofType = (resources: readonly SynthesizedResource[], type: string): SynthesizedResource[] =>
  resources.filter((r) => r.type === type);

/** A CloudFormation resource's properties as plain template JSON. */
export function cfnJson(cfn: CfnResource): unknown {
  const props = cfn.renderProperties();
  return props === undefined ? undefined : JSON.parse(JSON.stringify(props));
}

/** Bad input: a title, the call, the ValidationError code it throws and a pattern of its message. */
export type RejectionCase = [title: string, fn: () => unknown, code: string, message: RegExp];

/**
 * One test per case, titled `rejects <title><titleSuffix>`: the call throws a ValidationError with
 * the code and a matching message, and the program registers no resource at all.
 */
export function itRejects(cases: readonly RejectionCase[], titleSuffix = ", registering nothing"): void {
  for (const [title, fn, code, message] of cases) {
    it(`rejects ${title}${titleSuffix}`, async () => {
      let err!: Error & { code?: string };
      const { resources } = await synthesizeRaw(() => {
        err = validationError(fn);
      });
      expect(err.code).to.equal(code);
      expect(err.message).to.match(message);
      expect(resources).to.deep.equal([]);
    });
  }
}

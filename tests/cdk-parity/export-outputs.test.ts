/**
 * Pulumi Outputs in policies, exported: each position renders what aws-cdk-lib renders for the
 * same program with tokens (a `CfnParameter` standing for the Output). A condition key holding a
 * token (and a condition block given as an Output) needs CDK's `CfnJson`: the CDK program makes
 * `new CfnJson(owner, "ConditionJson", { value })` under the component whose policy holds the
 * map, at the end of the program (the export makes it when it renders). The one deliberate
 * difference: the CfnJson provider's function code is inline instead of a CDK asset.
 */
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import * as iamx from "../../src";
import { CfnResource, ProgramModel } from "../../src/render/cloudformation/model";
import { renderTemplate } from "../../src/render/cloudformation/template";
import { CFN_JSON_HANDLER_CODE } from "../../src/render/cloudformation/cfn-json";
import type { CfnTemplate } from "../../src/render/cloudformation/template";
import { cdkTemplate, expectSameTemplate, iamxTemplate, type ExportScenario, type Side } from "./export-harness";

const HANDLER = "AWSCDKCfnUtilsProviderCustomResourceProviderHandlerCF82AA57";

/** CDK's template with the provider's asset code replaced by the export's inline code (checked first). */
function withInlineHandler(t: CfnTemplate): CfnTemplate {
  const handler = t.Resources[HANDLER];
  if (!handler) return t;
  const props = handler.Properties as Record<string, any>;
  expect(props.Code.S3Key, "CDK's handler is an asset").to.match(/\.zip$/);
  expect(props.Handler).to.equal("__entrypoint__.handler");
  props.Code = { ZipFile: CFN_JSON_HANDLER_CODE };
  props.Handler = "index.handler";
  return t;
}

function exportParity(title: string, scenario: ExportScenario, check?: (t: CfnTemplate) => void): void {
  it(title, async () => {
    const expected = withInlineHandler(await cdkTemplate(scenario, true));
    const model = await iamxTemplate(scenario, true, "model");
    expectSameTemplate(model, expected);
    const mocks = await iamxTemplate(scenario, true, "mocks");
    expect(mocks, "mocks mode = model mode").to.deep.equal(model);
    check?.(model);
  });
}

/** A string holding a value from outside the template, usable inside other strings on both sides. */
function external(side: Side, name: string, usedBy: string): string {
  const v = side.bucketOutput(name, "bucket", usedBy);
  return side.kind === "cdk" ? v : iamx.Token.asString(v as unknown as iamx.ValueInput);
}

/**
 * A condition map with token keys: on the iamx side the map itself; on the CDK side a CfnJson made
 * at the end of the program under `owner` (a lazy stands for it until then).
 */
function keyed(
  side: Side,
  later: (fn: () => void) => Promise<void>,
  owner: () => unknown,
  value: Record<string, unknown>,
  id = "ConditionJson",
): unknown {
  if (side.kind === "iamx") return value;
  let json: cdk.CfnJson | undefined;
  void later(() => {
    json = new cdk.CfnJson(owner() as Construct, id, { value });
  });
  // Stands for the CfnJson until it exists; compares (JSON text) as the CfnJson would, by identity.
  const standIn: cdk.IResolvable = {
    creationStack: [],
    resolve: () => json!.value,
    toString: () => cdk.Token.asString(standIn),
    toJSON: () => `CfnJson ${(owner() as Construct | undefined)?.node.path}/${id}`,
  } as cdk.IResolvable & { toJSON(): string };
  return standIn;
}

describe("parity: Pulumi Outputs in policies, exported", () => {
  exportParity("an EKS IRSA trust policy: the condition keys hold the cluster's issuer", (side, later) => {
    const issuer = external(side, "cluster", "PodRole/ConditionJson");
    const role: unknown = side.role("PodRole", {
      assumedBy: new side.lib.WebIdentityPrincipal("arn:aws:iam::111111111111:oidc-provider/x").withConditions({
        StringEquals: keyed(side, later, () => role, {
          [`${issuer}:sub`]: "system:serviceaccount:ns:sa",
          [`${issuer}:aud`]: "sts.amazonaws.com",
        }),
      }),
    });
  });

  exportParity(
    "EKS IRSA keyed by the OIDC provider's issuer (taken from its ARN), as CDK's EKS module does",
    (side, later) => {
      const provider = side.oidc("Cluster", {
        url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
        clientIds: ["sts.amazonaws.com"],
        thumbprints: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
      });
      // both providers have it (CDK's OidcProviderNative and iamx.OpenIdConnectProvider)
      const providerIssuer = (provider as unknown as { openIdConnectProviderIssuer: string })
        .openIdConnectProviderIssuer;
      const issuer = side.kind === "cdk" ? providerIssuer : iamx.Token.asString(providerIssuer);
      const role: unknown = side.role("PodRole", {
        assumedBy: new side.lib.OpenIdConnectPrincipal(provider).withConditions({
          StringEquals: keyed(side, later, () => role, {
            [`${issuer}:sub`]: "system:serviceaccount:default:my-app",
            [`${issuer}:aud`]: "sts.amazonaws.com",
          }),
        }),
      });
    },
  );

  exportParity("actions, resources, principals and condition values from outside the template", (side) => {
    const action = external(side, "action", "App/DefaultPolicy");
    const bucket = external(side, "data", "App/DefaultPolicy");
    const account = external(side, "partner", "App");
    const role = side.role("App", {
      assumedBy: new side.lib.CompositePrincipal(
        new side.lib.ServicePrincipal("lambda.amazonaws.com"),
        new side.lib.ArnPrincipal(`arn:aws:iam::${account}:root`),
      ),
    });
    role.addToPolicy(
      new side.lib.PolicyStatement({
        actions: [`s3:${action}`, "s3:GetObject"],
        resources: [`arn:aws:s3:::${bucket}/*`],
        conditions: { StringEquals: { "aws:ResourceAccount": account } },
      }),
    );
  });

  exportParity(
    "two statements with the same token-key condition merge and share one CfnJson",
    (side, later) => {
      const tag = external(side, "tag", "App/DefaultPolicy/ConditionJson");
      const owner: { policy?: unknown } = {};
      const role = side.role("App", { assumedBy: new side.lib.ServicePrincipal("lambda.amazonaws.com") });
      const block = keyed(side, later, () => owner.policy, { [`aws:ResourceTag/${tag}`]: "blue" });
      role.addToPolicy(
        new side.lib.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: ["*"],
          conditions: { StringEquals: block },
        }),
      );
      role.addToPolicy(
        new side.lib.PolicyStatement({
          actions: ["s3:PutObject"],
          resources: ["*"],
          conditions: { StringEquals: block },
        }),
      );
      owner.policy = (role as unknown as { node?: { findChild(id: string): unknown } }).node?.findChild(
        "DefaultPolicy",
      );
    },
    (t) => {
      const policies = Object.values(t.Resources).filter((r) => r.Type === "AWS::IAM::Policy");
      const statements = (policies[0].Properties as any).PolicyDocument.Statement;
      expect(statements).to.have.length(1);
      expect(Object.values(t.Resources).filter((r) => r.Type === "Custom::AWSCDKCfnJson")).to.have.length(1);
    },
  );

  exportParity("two different token-key maps under one component: ConditionJson and ConditionJson2", (side, later) => {
    const env = external(side, "env", "App/ConditionJson");
    const owner: { role?: unknown } = {};
    const principal = (service: string, value: string, id: string) =>
      new side.lib.ServicePrincipal(service).withConditions({
        StringEquals: keyed(side, later, () => owner.role, { [`aws:RequestTag/${env}`]: value }, id),
      });
    owner.role = side.role("App", {
      assumedBy: new side.lib.CompositePrincipal(
        principal("lambda.amazonaws.com", "a", "ConditionJson"),
        principal("ec2.amazonaws.com", "b", "ConditionJson2"),
      ),
    });
  });
});

describe("export: condition blocks given as Outputs", () => {
  it("a block Output is a parameter of JSON text, parsed by a CfnJson; the whole conditions too", async () => {
    const template = await iamxTemplate(
      () => {
        const role = new iamx.Role("App", {
          assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com").withConditions({
            StringEquals: new s3.Bucket("cfg").tags,
          }),
        });
        const s = new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] });
        s.addConditions(new s3.Bucket("all").tags);
        role.addToPolicy(s);
      },
      true,
      "model",
    );
    const r = template.Resources;
    expect(Object.keys(r)).to.deep.equal([
      "AppF1B96344",
      "AppDefaultPolicy9F9D1518",
      "AppDefaultPolicyConditionJson4308D218",
      "AppConditionJson639997D5",
      "AWSCDKCfnUtilsProviderCustomResourceProviderRoleFE0EE867",
      "AWSCDKCfnUtilsProviderCustomResourceProviderHandlerCF82AA57",
    ]);
    const role = r.AppF1B96344.Properties as any;
    expect(role.AssumeRolePolicyDocument.Statement[0].Condition).to.deep.equal({
      StringEquals: { "Fn::GetAtt": ["AppConditionJson639997D5", "Value"] },
    });
    const cfnJson = r.AppConditionJson639997D5 as any;
    expect(cfnJson.Type).to.equal("Custom::AWSCDKCfnJson");
    expect(cfnJson.Properties.Value).to.deep.equal({ Ref: "CfgTags" });
    expect(template.Parameters?.CfgTags.Type).to.equal("String");
    const policy = Object.values(r).find((x) => x.Type === "AWS::IAM::Policy")!.Properties as any;
    const condition = policy.PolicyDocument.Statement[0].Condition;
    expect(Object.keys(condition)).to.deep.equal(["Fn::GetAtt"]);
    expect(r[condition["Fn::GetAtt"][0]].Properties).to.deep.include({ Value: { Ref: "AllTags" } });
  });

  it("a secret Output in a condition key stays a NoEcho parameter; its value is never in the template", async () => {
    const template = await iamxTemplate(
      () => {
        const secret = new pulumi.Config().requireSecret("apiKeyArn");
        new iamx.Role("App", {
          assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com").withConditions({
            StringEquals: { [`${iamx.Token.asString(secret)}:sub`]: "x" },
          }),
        });
      },
      true,
      "mocks",
    );
    const text = JSON.stringify(template);
    expect(text).to.not.include("arn:aws:secretsmanager");
    const params = Object.values(template.Parameters ?? {});
    expect(params).to.have.length(1);
    expect(params[0].NoEcho).to.equal(true);
  });

  it("a token sid renders as the value it stands for", async () => {
    const template = await iamxTemplate(
      () => {
        const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        const sid = iamx.Token.asString(new s3.Bucket("b").bucket);
        role.addToPolicy(new iamx.PolicyStatement({ sid, actions: ["s3:GetObject"], resources: ["*"] }));
      },
      true,
      "model",
    );
    const policy = Object.values(template.Resources).find((x) => x.Type === "AWS::IAM::Policy")!.Properties as any;
    expect(policy.PolicyDocument.Statement[0].Sid).to.deep.equal({ Ref: "BBucket" });
  });

  it("a token string where CloudFormation has no place for one is an error naming the resource", () => {
    const model = new ProgramModel();
    const name = iamx.Token.asString(iamx.Aws.ACCOUNT_ID);
    model.add(
      new CfnResource({ type: "AWS::IAM::Group", path: ["Team", "Resource"], properties: () => ({ GroupName: name }) }),
    );
    expect(() => renderTemplate(model)).to.throw(/Team \(AWS::IAM::Group\) holds a value given with Token.asString/);
  });
});

describe("parity: merge rules for conditions holding tokens", () => {
  /** The same program's outcome with CDK (a CfnJson standing for the block) and with iamx (an Output). */
  function both<T>(run: (block: () => unknown, lib: typeof iamx) => T): { cdk: T | Error; iamx: T | Error } {
    const attempt = (fn: () => T): T | Error => {
      try {
        return fn();
      } catch (e) {
        return e as Error;
      }
    };
    const stack = new cdk.Stack(new cdk.App(), "S");
    const param = new cdk.CfnParameter(stack, "P").valueAsString;
    const cdkBlock = new cdk.CfnJson(stack, "J", { value: { [`${param}:sub`]: "x" } });
    const output = pulumi.output({ "issuer:sub": "x" });
    return {
      cdk: attempt(() => run(() => cdkBlock, cdkIam as unknown as typeof iamx)),
      iamx: attempt(() => run(() => output, iamx)),
    };
  }

  it("withConditions accepts a token block over the same operator; the clash is reported when the principal is added", () => {
    const out = both((block, lib) => {
      const p = new lib.ServicePrincipal("lambda.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": "1" } },
      }).withConditions({ StringEquals: block() });
      const s = new lib.PolicyStatement({ actions: ["sts:AssumeRole"] });
      try {
        s.addPrincipals(p);
      } catch (e) {
        return `at addPrincipals: ${(e as Error).message}`;
      }
      return "added";
    });
    expect(out.iamx).to.equal(out.cdk);
    expect(out.cdk).to.equal(
      'at addPrincipals: multiple "StringEquals" conditions cannot be merged if one of them contains an unresolved token',
    );
  });

  it("statements holding the same token block merge; different ones do not", () => {
    const count = (lib: typeof iamx, a: unknown, b: unknown) =>
      new lib.PolicyDocument({
        minimize: true,
        statements: [
          new lib.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], conditions: { StringEquals: a } }),
          new lib.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"], conditions: { StringEquals: b } }),
        ],
      });
    const stack = new cdk.Stack(new cdk.App(), "S");
    const j1 = new cdk.CfnJson(stack, "J1", { value: { a: "x" } });
    const j2 = new cdk.CfnJson(stack, "J2", { value: { a: "x" } });
    const cdkLib = cdkIam as unknown as typeof iamx;
    const cdkSame = (stack.resolve(count(cdkLib, j1, j1)) as { Statement: unknown[] }).Statement.length;
    const cdkDifferent = (stack.resolve(count(cdkLib, j1, j2)) as { Statement: unknown[] }).Statement.length;
    const o1 = pulumi.output({ a: "x" });
    const o2 = pulumi.output({ a: "x" });
    const iamxSame = count(iamx, o1, o1).render()!.Statement.length;
    const iamxDifferent = count(iamx, o1, o2).render()!.Statement.length;
    expect([iamxSame, iamxDifferent]).to.deep.equal([cdkSame, cdkDifferent]);
    expect([cdkSame, cdkDifferent]).to.deep.equal([1, 2]);
  });
});

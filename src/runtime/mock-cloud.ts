/**
 * What the mocked cloud answers: plausible names, ARNs and ids for the IAM resources, and the
 * partition/account/region lookups. Deterministic, so test snapshots are stable.
 */
import type * as pulumi from "@pulumi/pulumi";
import { mockServiceState } from "./mock-services";

export interface MockCloudOptions {
  /**
   * Account id the mocked caller identity reports.
   * @default 123456789012
   */
  readonly account?: string;
  /**
   * Region the mocked provider reports.
   * @default us-east-1
   */
  readonly region?: string;
  /**
   * Partition the mocked provider reports.
   * @default aws
   */
  readonly partition?: string;
}

const ARN_KINDS: Record<string, string> = {
  "aws:iam/role:Role": "role",
  "aws:iam/user:User": "user",
  "aws:iam/group:Group": "group",
  "aws:iam/policy:Policy": "policy",
  "aws:iam/instanceProfile:InstanceProfile": "instance-profile",
  "aws:iam/samlProvider:SamlProvider": "saml-provider",
};

export function mockResourceState(
  args: pulumi.runtime.MockResourceArgs,
  o: Required<MockCloudOptions>,
): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const name = (inputs.name as string | undefined) ?? `${args.name}-${shortHash(args.name)}`;
  const state: Record<string, unknown> = { ...inputs, ...mockServiceState(args, name, o) };
  const kind = ARN_KINDS[args.type];
  if (kind) {
    const path = typeof inputs.path === "string" ? inputs.path : "/";
    state.name = name;
    state.arn = `arn:${o.partition}:iam::${o.account}:${kind}${path}${name}`;
    state.uniqueId = `AID${shortHash(args.name).toUpperCase()}`;
  }
  if (args.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider") {
    const url = String(inputs.url ?? "").replace(/^https:\/\//, "");
    state.arn = `arn:${o.partition}:iam::${o.account}:oidc-provider/${url}`;
  }
  if (args.type === "aws:iam/accessKey:AccessKey") {
    state.secret = `mock-secret-${shortHash(args.name)}`;
    state.sesSmtpPasswordV4 = `mock-smtp-${shortHash(args.name)}`;
  }
  if (args.type === "aws:iam/userLoginProfile:UserLoginProfile") {
    state.password = `mock-password-${shortHash(args.name)}`;
  }
  return state;
}

export function mockResourceId(args: pulumi.runtime.MockResourceArgs): string | undefined {
  if (!args.custom) return undefined;
  if (args.type === "aws:iam/accessKey:AccessKey") return `AKIA${shortHash(args.name).toUpperCase().padEnd(16, "X")}`;
  const inputs = args.inputs as Record<string, unknown>;
  return (inputs.name as string | undefined) ?? `${args.name}-${shortHash(args.name)}`;
}

export function mockCall(args: pulumi.runtime.MockCallArgs, o: Required<MockCloudOptions>): Record<string, unknown> {
  switch (args.token) {
    case "aws:index/getPartition:getPartition":
      return { partition: o.partition, dnsSuffix: "amazonaws.com", id: o.partition, reverseDnsPrefix: "com.amazonaws" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: o.account,
        arn: `arn:${o.partition}:iam::${o.account}:user/mock`,
        userId: "AIDAMOCK",
        id: o.account,
      };
    case "aws:index/getRegion:getRegion":
      return {
        name: o.region,
        region: o.region,
        id: o.region,
        description: o.region,
        endpoint: `ec2.${o.region}.amazonaws.com`,
      };
    case "aws:iam/getRole:getRole": {
      // A role that exists, in the mocked account (Role.fromLookup).
      const name = String((args.inputs as { name?: unknown }).name);
      return {
        name,
        id: name,
        arn: `arn:${o.partition}:iam::${o.account}:role/${name}`,
        path: "/",
        uniqueId: `AROA${shortHash(name).toUpperCase().padEnd(17, "X")}`,
        assumeRolePolicy: "{}",
        maxSessionDuration: 3600,
      };
    }
    default:
      return args.inputs as Record<string, unknown>;
  }
}

function shortHash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, "0").slice(0, 7);
}

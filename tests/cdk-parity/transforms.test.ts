// Pulumi transforms in the CloudFormation export, against aws-cdk-lib: what a transform (or a
// legacy transformation) changes on an iamx component's resource lands in the template as CDK
// renders the same tags and properties, in both export modes.
import * as cdk from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";
import { exportParity, type Side } from "./export-harness";

const lambda = (s: Side) => new s.lib.ServicePrincipal("lambda.amazonaws.com");

/** Adds `env=prod` to the tags of every aws.iam Role and User (the engine hands it plain values). */
const addEnvTag: pulumi.ResourceTransform = (args) => {
  if (args.type !== "aws:iam/role:Role" && args.type !== "aws:iam/user:User") return undefined;
  return { props: { ...args.props, tags: { ...(args.props.tags ?? {}), env: "prod" } }, opts: args.opts };
};

/** Sets a role's description, maximum session and path. */
const roleSettings: pulumi.ResourceTransform = (args) => {
  if (args.type !== "aws:iam/role:Role") return undefined;
  return {
    props: { ...args.props, description: "set by a transform", maxSessionDuration: 7200, path: "/svc/" },
    opts: args.opts,
  };
};

describe("cdk-parity: transforms", () => {
  exportParity("tags a stack transform adds land as CDK renders the same tags", (s) => {
    if (s.kind === "iamx") pulumi.runtime.registerResourceTransform(addEnvTag);
    const role = s.role("R", { assumedBy: lambda(s), tags: { team: "payments" } });
    const user = s.user("U");
    s.managedPolicy("MP", { statements: [new s.lib.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] })] });
    if (s.kind === "cdk") {
      cdk.TagManager.of((role as unknown as IConstruct).node.defaultChild as IConstruct)!.setTag(
        "team",
        "payments",
        50,
      );
      cdk.Tags.of(role as unknown as IConstruct).add("env", "prod");
      cdk.Tags.of(user as unknown as IConstruct).add("env", "prod");
    }
  });

  exportParity("a component's own transforms reach its resource: tags, description, session, path", (s) => {
    if (s.kind === "iamx") {
      new iamx.Role("R", { assumedBy: lambda(s) }, { transforms: [addEnvTag, roleSettings] });
      return;
    }
    const role = s.role("R", {
      assumedBy: lambda(s),
      description: "set by a transform",
      maxSessionDuration: s.hours(2),
      path: "/svc/",
    });
    cdk.Tags.of(role as unknown as IConstruct).add("env", "prod");
  });

  exportParity("a parent component's transforms reach the iamx resources under it", (s) => {
    const team =
      s.kind === "iamx"
        ? new pulumi.ComponentResource("x:index:Team", "Team", {}, { transforms: [addEnvTag] })
        : s.scope("Team");
    const role = s.role("R", { assumedBy: lambda(s) }, team);
    s.role("Outside", { assumedBy: lambda(s) });
    if (s.kind === "cdk") cdk.Tags.of(role as unknown as IConstruct).add("env", "prod");
  });

  exportParity("legacy transformations reach the template too", (s) => {
    if (s.kind === "iamx") {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type !== "aws:iam/role:Role") return undefined;
        // Legacy transformations see the inputs as given: tags are an Output here.
        const tags = pulumi
          .output(args.props.tags)
          .apply((t: Record<string, string> | undefined) => ({ ...t, env: "prod" }));
        return { props: { ...args.props, tags, description: "legacy" }, opts: args.opts };
      });
    }
    const role = s.role("R", {
      assumedBy: lambda(s),
      tags: { team: "a" },
      ...(s.kind === "cdk" ? { description: "legacy" } : {}),
    });
    if (s.kind === "cdk") {
      cdk.TagManager.of((role as unknown as IConstruct).node.defaultChild as IConstruct)!.setTag("team", "a", 50);
      cdk.Tags.of(role as unknown as IConstruct).add("env", "prod");
    }
  });
});

/**
 * Policy for other languages: CDK's `iam.Policy` props as plain data, built into the TypeScript
 * {@link Policy}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type Group, Policy, type Role, type User } from "../../src";
import type { Component, ComponentFacade } from "./component";
import { documentFrom, statementsFrom } from "./convert";
import type { GroupRefArgs, RoleRefArgs, UserRefArgs } from "./identity";
import { lateChildName, recordBuiltWith } from "./late";
import type { ComponentArgs, PolicyDocument, Statement } from "./types";

/** Arguments of a Policy. All optional. */
export interface PolicyArgs extends ComponentArgs {
  /** The inline policy's name. Default: the end (128 characters) of its CloudFormation logical id, as CDK. */
  policyName?: string;
  /** Statements. Default: none. */
  statements?: Statement[];
  /** A document to start from (`statements` are added to it). Default: an empty document. */
  document?: PolicyDocument;
  /** Roles of this package to attach the policy to. Default: none. */
  roles?: Role[];
  /** Users of this package to attach the policy to. Default: none. */
  users?: User[];
  /** Groups of this package to attach the policy to. Default: none. */
  groups?: Group[];
  /** Always create the policy, and fail when it is empty or attached to nothing. Default: false (such a policy is left out, as in CDK). */
  force?: boolean;
}

/** What a Policy exposes. */
export interface PolicyOutputs {
  /** The inline policy's name, when `policyName` was given. */
  policyName?: string;
}

/** Methods of a Policy. Each call adds resources of its own; see the package README, "What lands when". */
export interface PolicyMethods {
  /** Attaches the policy to a role: after construction, a copy of the policy (same name and document) attached to the role. */
  attachToRole(args: RoleRefArgs): void;
  /** Attaches the policy to a user (as `attachToRole`). */
  attachToUser(args: UserRefArgs): void;
  /** Attaches the policy to a group (as `attachToRole`). */
  attachToGroup(args: GroupRefArgs): void;
}

/**
 * An inline IAM policy (CDK's `iam.Policy`) attached to roles, users and groups. An empty or
 * unattached policy is left out unless `force`.
 */
export type PolicyComponent = Component<PolicyArgs, PolicyOutputs, PolicyMethods>;

/** The provider side of {@link PolicyComponent}. */
export const policyFacade: ComponentFacade<PolicyComponent, Policy> = {
  componentClass: Policy,
  construct(name: string, args: PolicyArgs, opts: pulumi.ComponentResourceOptions) {
    const policy = new Policy(
      name,
      {
        policyName: args.policyName,
        statements: statementsFrom(args.statements, "statements"),
        document: args.document && documentFrom(args.document, "document"),
        roles: args.roles,
        users: args.users,
        groups: args.groups,
        force: args.force,
      },
      opts,
    );
    for (const role of args.roles ?? []) recordBuiltWith(policy, copyPrefix(policy, "role"), { role });
    for (const user of args.users ?? []) recordBuiltWith(policy, copyPrefix(policy, "user"), { user });
    for (const group of args.groups ?? []) recordBuiltWith(policy, copyPrefix(policy, "group"), { group });
    return { component: policy, outputs: { policyName: args.policyName } };
  },
  methods: {
    attachToRole(policy, args) {
      copyOf(policy, "role", { roles: [args.role] }, args);
    },
    attachToUser(policy, args) {
      copyOf(policy, "user", { users: [args.user] }, args);
    },
    attachToGroup(policy, args) {
      copyOf(policy, "group", { groups: [args.group] }, args);
    },
  },
};

/**
 * A policy built earlier has emitted its resources: a late attachment is a copy (same name, same
 * document), `<policy>-<kind>-<hash>` after the identity. None when the policy is attached to it
 * already (built so, or by the same call before): TypeScript attaches a policy once per identity.
 */
function copyOf(
  policy: Policy,
  kind: string,
  attach: { roles?: Role[]; users?: User[]; groups?: Group[] },
  args: unknown,
): void {
  const name = lateChildName(policy, copyPrefix(policy, kind), args);
  if (name === undefined) return;
  new Policy(
    name,
    { policyName: policy.policyName, document: policy.document, force: true, ...attach },
    { parent: policy },
  );
}

function copyPrefix(policy: Policy, kind: string): string {
  return `${policy.componentName}-${kind}`;
}

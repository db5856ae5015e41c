/**
 * `Role.fromLookup`: a role of the program's account found by name when the program runs. Pulumi
 * looks it up with `aws.iam.getRoleOutput`; CloudFormation has no lookups, so the export fails
 * naming the role unless the program gives the ARN to write there.
 */
import * as pulumi from "@pulumi/pulumi";
import { getRoleOutput } from "@pulumi/aws/iam/getRole";
import { programAccount } from "../core/environment";
import { ValidationError } from "../core/errors";
import { External, describe } from "../core/value";
import { lastSegment, splitSlashArn } from "./arn-parse";
import { IamxComponent } from "./base";
import { importRole, type FromRoleArnOptions } from "./imported-role";
import type { IRole } from "./interfaces";

/** Options of `Role.fromLookup`. */
export interface RoleLookupOptions extends FromRoleArnOptions {
  /** The name of the role to find (a literal: lookups need concrete values, as in CDK). */
  readonly roleName: string;
  /**
   * The role's ARN, written in the CloudFormation export (which has no lookups). Pulumi still
   * looks the role up.
   * @default none: an export that uses the role's ARN fails, naming the role and this option
   */
  readonly roleArn?: string;
}

/** Builds the object `Role.fromLookup` returns. */
export function lookupRole(name: string, options: RoleLookupOptions, opts?: pulumi.ComponentResourceOptions): IRole {
  if (typeof options !== "object" || options === null) {
    throw new ValidationError("InvalidRoleLookup", `Role.fromLookup needs options, got ${describe(options)}`, name);
  }
  const { roleName, roleArn, ...importOptions } = options;
  if (typeof roleName !== "string" || roleName.length === 0) {
    throw new ValidationError(
      "InvalidRoleLookup",
      `All arguments to look up a role must be concrete (no Tokens): roleName must be a non-empty string, got ${describe(roleName)}`,
      name,
    );
  }
  if (roleArn !== undefined && (typeof roleArn !== "string" || !/^arn:[^:]+:iam::\d{12}:role\/.+/.test(roleArn))) {
    throw new ValidationError(
      "InvalidRoleLookup",
      `Role.fromLookup \`roleArn\` must be a role ARN (arn:<partition>:iam::<account>:role/<name>), got ${describe(roleArn)}`,
      name,
    );
  }
  const parent = opts?.parent instanceof IamxComponent ? opts.parent : undefined;
  const found = getRoleOutput({ name: roleName }, parent ? { parent } : undefined).arn;
  const where = [...(parent ? parent.constructPath : []), name].join("/");
  const arn = External.of(found, {
    resourceName: name,
    property: "Arn",
    description: `the ARN of role ${roleName}, looked up by Role.fromLookup ${where}`,
    lookup:
      `the role ${roleName} looked up by Role.fromLookup ${where}; give its ARN: ` +
      `Role.fromLookup("${name}", { roleName: "${roleName}", roleArn: "arn:aws:iam::<account>:role/<path>${roleName}" })`,
    ...(roleArn !== undefined ? { exportValue: roleArn } : {}),
  });
  // Name and account are known without the lookup: the given ARN's, else the name asked for in the
  // program's own account (where the provider's credentials look).
  const given = roleArn !== undefined ? splitSlashArn(roleArn) : undefined;
  const known = {
    roleName: given?.resourceName !== undefined ? lastSegment(given.resourceName) : roleName,
    account: given?.account ?? programAccount(),
  };
  return importRole(name, arn, importOptions, opts, known);
}

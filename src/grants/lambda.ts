/**
 * Grants on Lambda functions (CDK's `Function.grantInvoke`): `lambda:InvokeFunction` on the
 * function and its versions and aliases (`<ARN>`, `<ARN>:*`). A grantee without an identity policy
 * (a service, an account) or in another account gets a Lambda permission instead of a policy
 * statement, as CDK's `addPermission`: an `aws.lambda.Permission` (CloudFormation:
 * `AWS::Lambda::Permission` at CDK's path `<function>/Invoke<hash>`), one per grantee and kept:
 * granting the same principal twice returns the first grant.
 *
 * Functions known by ARN (`{ arn }`) get no permission: a grant that needs one fails with CDK's
 * error, unless `skipPermissions` says the function already allows the grantee.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type * as lambda from "@pulumi/aws/lambda";
import { Permission } from "@pulumi/aws/lambda/permission";
import { ValidationError } from "../core/errors";
import type { IGrantable, IPrincipal } from "../core/principals/types";
import { concat, isToken, type Value } from "../core/value";
import { Grant, type AddToResourcePolicyResult } from "../components/grant";
import { IamxComponent, withConstructId } from "../components/base";
import { toInput } from "../render/pulumi/values";
import { ResourceGrants } from "./base";
import { regionOf, resolveResource, type ResourceAttributes, type ResourceGrantsOptions } from "./resource-ref";

/** Options of `iamx.grants.lambda()`. */
export interface FunctionGrantsOptions extends ResourceGrantsOptions {
  /**
   * For a function known by ARN: it already allows the grantees that need a permission, so
   * grants do not fail for want of one (CDK's `skipPermissions`). Default: false.
   */
  readonly skipPermissions?: boolean;
}

const FUNCTION_TYPES = ["aws:lambda/function:Function"];
const SUPPORTED_CONDITIONS = [
  { operator: "ArnLike", key: "aws:SourceArn" },
  { operator: "StringEquals", key: "aws:SourceAccount" },
  { operator: "StringEquals", key: "aws:PrincipalOrgID" },
];

/** Grants on a Lambda function. Make with `iamx.grants.lambda()`. */
export class FunctionGrants extends ResourceGrants {
  private readonly skipPermissions: boolean;

  /** @internal */
  constructor(fn: lambda.Function | ResourceAttributes, options: FunctionGrantsOptions = {}) {
    super(resolveResource(fn, options, FUNCTION_TYPES, "a Lambda function"));
    if (options.skipPermissions !== undefined && typeof options.skipPermissions !== "boolean") {
      throw new ValidationError("InvalidGrantOptions", "iamx.grants.lambda: `skipPermissions` must be a boolean");
    }
    this.skipPermissions = options.skipPermissions ?? false;
  }

  /** The function's ARN. */
  public get functionArn(): Value {
    return this.arn;
  }

  /** Invoking the function (any version or alias). */
  public grantInvoke(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantInvoke");
    const principal = grantee.grantPrincipal;
    const identifier = `Invoke${createHash("sha256")
      .update(
        JSON.stringify({ principal: principal.toString(), conditions: principal.policyFragment.conditions }),
        "utf8",
      )
      .digest("base64")}`;
    // CDK keeps the grants per function; a function known by ARN is this grants object.
    const cache = invocationGrants(this.ref.resource ?? this);
    const existing = cache.get(identifier);
    if (existing) return existing;
    const action = "lambda:InvokeFunction";
    const grant = Grant.addToPrincipalOrResource({
      grantee,
      actions: [action],
      resourceArns: [this.arn, concat(this.arn, ":*")],
      resource: {
        env: this.env,
        addToResourcePolicy: () => this.addPermission(identifier, principal, action),
      },
    });
    cache.set(identifier, grant);
    return grant;
  }

  /** Functions take permissions, not a policy document (see {@link grantInvoke}). */
  public addToResourcePolicy(): AddToResourcePolicyResult {
    return { statementAdded: false };
  }

  /** @internal */
  protected policyKind(): undefined {
    return undefined;
  }

  /** CDK's `addPermission` for a grant. */
  private addPermission(identifier: string, grantPrincipal: IPrincipal, action: string): AddToResourcePolicyResult {
    const fn = this.ref.resource;
    if (!fn) {
      if (this.skipPermissions) return { statementAdded: true };
      throw new ValidationError(
        "CannotModifyLambdaPermission",
        "Cannot modify permission to lambda function. Function is either imported or $LATEST version.\n" +
          "If the function is imported from the same account use `fromFunctionAttributes()` API with the `sameEnvironment` flag.\n" +
          "If the function is imported from a different account and already has the correct permissions use `fromFunctionAttributes()` API with the `skipPermissions` flag.",
        this.ref.name,
      );
    }
    const props = permissionProps(grantPrincipal, this.ref.name);
    const permission = new FunctionPermission(fn, this.ref.name, identifier, {
      action,
      functionArn: this.arn,
      ...props,
    });
    return { statementAdded: true, policyDependable: permission };
  }
}

interface PermissionProps {
  readonly action: string;
  readonly functionArn: Value;
  readonly principal: Value;
  readonly sourceAccount?: Value;
  readonly sourceArn?: Value;
  readonly principalOrgId?: Value;
}

/** A Lambda permission made by a grant (not exported from the package). */
class FunctionPermission extends IamxComponent {
  constructor(fn: pulumi.CustomResource, fnName: string, identifier: string, props: PermissionProps) {
    const suffix = createHash("sha256").update(identifier).digest("hex").slice(0, 12);
    const name = `${fnName}-invoke-${suffix}`;
    super("FunctionPermission", name, withConstructId({ parent: fn }, identifier, [fnName]));
    const input = (v: Value | undefined) => (v === undefined ? undefined : toInput(v));
    new Permission(
      name,
      {
        action: props.action,
        function: toInput(props.functionArn),
        principal: toInput(props.principal),
        principalOrgId: input(props.principalOrgId),
        sourceAccount: input(props.sourceAccount),
        sourceArn: input(props.sourceArn),
        region: regionOf(fn),
      },
      this.childOpts(),
    );
    // CDK's permission is a CfnPermission with the grant's id, not a construct with a `Resource`.
    this.cfnResource([], {
      type: "AWS::Lambda::Permission",
      properties: () => ({
        Action: props.action,
        FunctionName: props.functionArn,
        Principal: props.principal,
        PrincipalOrgID: props.principalOrgId,
        SourceAccount: props.sourceAccount,
        SourceArn: props.sourceArn,
      }),
    });
    this.registerOutputs({});
  }
}

/** CDK: the permission's principal and conditions, from the grantee's principal. */
function permissionProps(principal: IPrincipal, scope: string): Omit<PermissionProps, "action" | "functionArn"> {
  const conditions = validateConditions(principal, scope);
  const sourceArn = stringOf(objectOf(conditions?.ArnLike)?.["aws:SourceArn"]);
  const sourceAccount = stringOf(objectOf(conditions?.StringEquals)?.["aws:SourceAccount"]);
  const principalOrgId = stringOf(objectOf(conditions?.StringEquals)?.["aws:PrincipalOrgID"]);
  if (principalOrgId && (sourceArn || sourceAccount)) {
    throw new ValidationError(
      "PrincipalOrgIdCannotBeCombinedWithOtherConditions",
      "PrincipalWithConditions had unsupported condition combinations for Lambda permission statement: principalOrgID cannot be set with other conditions.",
      scope,
    );
  }
  return { principal: permissionPrincipal(principal, scope), sourceAccount, sourceArn, principalOrgId };
}

function permissionPrincipal(original: IPrincipal, scope: string): Value {
  const p = (
    "wrapped" in original ? (original as unknown as { wrapped: IPrincipal }).wrapped : original
  ) as IPrincipal & Record<string, unknown>;
  if ("accountId" in p) return p.accountId as Value;
  if ("service" in p) return p.service as Value;
  if ("arn" in p) return p.arn as Value;
  const fragment = p.policyFragment;
  const stringEquals = singleKey("StringEquals", fragment.conditions);
  if (stringEquals && singleKey("aws:PrincipalOrgID", stringEquals)) return "*";
  const aws = fragment.principalJson.AWS;
  if (Object.keys(fragment.conditions).length === 0 && aws && aws.length === 1) return aws[0];
  throw new ValidationError(
    "InvalidPrincipalTypeForLambdaPermission",
    `Invalid principal type for Lambda permission statement: ${p.constructor.name}. Supported: AccountPrincipal, ArnPrincipal, ServicePrincipal, OrganizationPrincipal`,
    scope,
  );
}

function validateConditions(principal: IPrincipal, scope: string): Record<string, unknown> | undefined {
  const conditions = principal.policyFragment.conditions as Record<string, unknown>;
  if (Object.keys(conditions).length === 0) return undefined;
  const pairs = Object.entries(conditions).flatMap(([operator, c]) =>
    Object.keys(objectOf(c) ?? {}).map((key) => ({ operator, key })),
  );
  const unsupported = pairs.filter(
    (c) => !SUPPORTED_CONDITIONS.some((s) => s.operator === c.operator && s.key === c.key),
  );
  if (unsupported.length === 0) return conditions;
  throw new ValidationError(
    "UnsupportedConditionsForLambdaPermission",
    `PrincipalWithConditions had unsupported conditions for Lambda permission statement: ${JSON.stringify(unsupported)}. Supported operator/condition pairs: ${JSON.stringify(SUPPORTED_CONDITIONS)}`,
    scope,
  );
}

function singleKey(key: string, obj: unknown): unknown {
  const o = objectOf(obj);
  return o && Object.keys(o).length === 1 ? o[key] : undefined;
}

function objectOf(x: unknown): Record<string, unknown> | undefined {
  return x && typeof x === "object" && !Array.isArray(x) && !isToken(x) ? (x as Record<string, unknown>) : undefined;
}

function stringOf(x: unknown): Value | undefined {
  return (typeof x === "string" && x) || isToken(x) ? (x as Value) : undefined;
}

const grantCaches = new WeakMap<object, Map<string, Grant>>();

/** The grants made on a function, by grantee identifier. */
function invocationGrants(fn: object): Map<string, Grant> {
  let m = grantCaches.get(fn);
  if (!m) grantCaches.set(fn, (m = new Map()));
  return m;
}

/**
 * Grants on a Lambda function: `iamx.grants.lambda(fn).grantInvoke(role)`. `fn` is an
 * `aws.lambda.Function` of this program or `{ arn }` of one made elsewhere.
 */
export function lambdaGrants(
  fn: lambda.Function | ResourceAttributes,
  options?: FunctionGrantsOptions,
): FunctionGrants {
  return new FunctionGrants(fn, options);
}

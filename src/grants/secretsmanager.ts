/**
 * Grants on Secrets Manager secrets (CDK's `Secret.grantRead`, `grantWrite`), with CDK's actions.
 * A grantee in another account also gets a statement in the secret's resource policy (an
 * `aws.secretsmanager.SecretPolicy` made on first use); as in CDK, that needs the secret to be
 * encrypted with a customer key (`encryptionKey`), since the AWS managed key cannot be shared.
 *
 * Key actions are allowed only through Secrets Manager (`kms:ViaService`). CDK writes them into
 * the key policy; the key policy of a plain `aws.kms.Key` is not this library's to change, so a
 * grantee of the key's account gets the same statement (with the same condition) in its identity
 * policy instead, which the default key policy honours. Grantees of other accounts need the key
 * policy (see `iamx.grants.kms`'s `externalKeyPolicy`).
 */
import type * as secretsmanager from "@pulumi/aws/secretsmanager";
import { SecretPolicy } from "@pulumi/aws/secretsmanager/secretPolicy";
import { ValidationError } from "../core/errors";
import type { IGrantable } from "../core/principals/types";
import { concat, describe, type Value } from "../core/value";
import { compareValues, type Grant } from "../components/grant";
import { ownedResource } from "./base";
import { EncryptedResourceGrants } from "./encrypted";
import { DECRYPT_ACTIONS, ENCRYPT_ACTIONS, type EncryptionKey } from "./kms";
import type { ResourcePolicyKind } from "./resource-policy";
import {
  outputOf,
  regionOf,
  resolveResource,
  type ResourceAttributes,
  type ResourceGrantsOptions,
} from "./resource-ref";
import { programRegion } from "../core/environment";

/** Options of `iamx.grants.secretsmanager()`. */
export interface SecretGrantsOptions extends ResourceGrantsOptions {
  /** The KMS key the secret is encrypted with (its `kmsKeyId`). Default: none (the AWS managed key). */
  readonly encryptionKey?: EncryptionKey;
}

const SECRET_TYPES = ["aws:secretsmanager/secret:Secret"];

/** Grants on a Secrets Manager secret. Make with `iamx.grants.secretsmanager()`. */
export class SecretGrants extends EncryptedResourceGrants {
  /** @internal */
  constructor(secret: secretsmanager.Secret | ResourceAttributes, options: SecretGrantsOptions = {}) {
    super(resolveResource(secret, options, SECRET_TYPES, "a Secrets Manager secret"), options);
  }

  /** The secret's ARN. */
  public get secretArn(): Value {
    return this.arn;
  }

  /**
   * Reading the secret's value and description; with `versionStages`, only those stages
   * (a `ForAnyValue:StringEquals` condition on `secretsmanager:VersionStage`). Default: any stage.
   */
  public grantRead(grantee: IGrantable, versionStages?: string[]): Grant {
    this.checkGrantee(grantee, "grantRead");
    if (
      versionStages !== undefined &&
      (!Array.isArray(versionStages) || versionStages.some((s) => typeof s !== "string"))
    ) {
      throw new ValidationError(
        "InvalidGrantOptions",
        `grantRead on ${this.ref.name}: versionStages must be an array of strings, got ${describe(versionStages)}`,
      );
    }
    const account = grantee.grantPrincipal.principalAccount ?? "";
    if (this.needsKeyForCrossAccount() && compareValues(this.ref.account, account) === "DIFFERENT") {
      throw keyRequired(this.ref.name);
    }
    this.encryptionKey?._checkGrant(grantee, DECRYPT_ACTIONS, true);
    const result = this.grantOnResource(
      grantee,
      ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      [this.arn],
    );
    const statement = result.principalStatement ?? result.resourceStatement;
    if (versionStages !== undefined && statement) {
      statement.addCondition("ForAnyValue:StringEquals", { "secretsmanager:VersionStage": versionStages });
    }
    this.encryptionKey?._grantViaService(grantee, viaSecretsManager(), DECRYPT_ACTIONS);
    return result;
  }

  /** Writing the secret's value and version stages. */
  public grantWrite(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantWrite");
    const account = grantee.grantPrincipal.principalAccount;
    const sameAccount =
      account !== undefined && ["SAME", "BOTH_UNRESOLVED"].includes(compareValues(this.ref.account, account));
    if (this.needsKeyForCrossAccount() && !sameAccount) throw keyRequired(this.ref.name);
    this.encryptionKey?._checkGrant(grantee, ENCRYPT_ACTIONS, true);
    const result = this.grantOnResource(
      grantee,
      ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:UpdateSecretVersionStage"],
      [this.arn],
    );
    this.encryptionKey?._grantViaService(grantee, viaSecretsManager(), ENCRYPT_ACTIONS);
    if (this.needsKeyForCrossAccount() && result.resourceStatement) throw keyRequired(this.ref.name);
    return result;
  }

  /** @internal */
  protected policyKind(): ResourcePolicyKind {
    const secret = ownedResource(this.ref);
    const arn = outputOf(secret, "arn", "iamx.grants.secretsmanager");
    return {
      cfnType: "AWS::SecretsManager::ResourcePolicy",
      cfnProperties: (document) => ({ ResourcePolicy: document, SecretId: this.arn }),
      create: (name, policy, opts) =>
        new SecretPolicy(name, { secretArn: arn, policy, region: regionOf(secret) }, opts),
    };
  }

  /** CDK: a secret of this program shared with another account needs a customer key. */
  private needsKeyForCrossAccount(): boolean {
    return this.ref.owned && !this.encryptionKey;
  }
}

function viaSecretsManager(): Value {
  return concat("secretsmanager.", programRegion(), ".amazonaws.com");
}

function keyRequired(scope: string): ValidationError {
  return new ValidationError(
    "KeyProvidedCrossAccountAccess",
    "KMS Key must be provided for cross account access to Secret",
    scope,
  );
}

/**
 * Grants on a Secrets Manager secret with CDK's actions: `iamx.grants.secretsmanager(secret).grantRead(role)`.
 * `secret` is an `aws.secretsmanager.Secret` of this program or `{ arn }` of one made elsewhere.
 */
export function secretsmanagerGrants(
  secret: secretsmanager.Secret | ResourceAttributes,
  options?: SecretGrantsOptions,
): SecretGrants {
  return new SecretGrants(secret, options);
}

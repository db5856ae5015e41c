/**
 * Grants on KMS keys (CDK's `Key.grant*`), and the key side of grants on encrypted buckets,
 * queues, topics, tables, secrets and parameters.
 *
 * Rule (CDK's KeyGrants, with the `defaultKeyPolicies` behaviour every new CDK project has): a
 * grantee of the key's account gets the actions on the key ARN in its identity policy; a
 * grantee in another account, or without an identity policy, also needs a statement in the key
 * policy (resource `*`, the grantee as principal). With `trustAccountIdentities: false`, every
 * grant writes the key policy. A role, user or group of this program granted on a key that lives
 * in another account (the `account` option) gets resource `*` in its identity policy, as CDK's
 * cross-environment grants do.
 *
 * The key policy of a plain `aws.kms.Key` is its `policy` input, which this library does not own
 * and cannot append to. A grant that needs a key-policy statement therefore fails with a
 * ValidationError naming the statement, unless `externalKeyPolicy: true` says the key policy is
 * written elsewhere (the grant then adds only the identity-policy side). Keys known by ARN
 * (`{ arn }`) behave as CDK's imported keys: the key-policy side is silently not added.
 */
import type * as kms from "@pulumi/aws/kms";
import { ValidationError } from "../core/errors";
import type { IGrantable } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { valueKey, type Value, type ValueInput } from "../core/value";
import { Grant, compareValues, type AddToResourcePolicyResult } from "../components/grant";
import { IamxComponent } from "../components/base";
import { ResourceGrants } from "./base";
import type { ResourcePolicyKind } from "./resource-policy";
import { resolveResource, type ResourceAttributes, type ResourceGrantsOptions } from "./resource-ref";

/** Options of `iamx.grants.kms()`. */
export interface KeyGrantsOptions extends ResourceGrantsOptions {
  /**
   * Whether identities of the key's account get their permissions from their own identity
   * policies (the key policy delegates to IAM, as the AWS default key policy and CDK's default
   * key policy do). Default: true.
   */
  readonly trustAccountIdentities?: boolean;
  /**
   * The key policy is written outside this program and already allows the grantees that need it
   * (principals of other accounts): grants then add only identity-policy statements instead of
   * failing. Default: false.
   */
  readonly externalKeyPolicy?: boolean;
}

const KEY_TYPES = ["aws:kms/key:Key"];

/** Grants on a KMS key. Make with `iamx.grants.kms()`. */
export class KeyGrants extends ResourceGrants {
  private readonly trustAccountIdentities: boolean;
  private readonly externalKeyPolicy: boolean;

  /** @internal */
  constructor(key: kms.Key | ResourceAttributes, options: KeyGrantsOptions = {}) {
    super(resolveResource(key, options, KEY_TYPES, "a KMS key"));
    this.trustAccountIdentities = checkBoolean(options.trustAccountIdentities, "trustAccountIdentities", true);
    this.externalKeyPolicy = checkBoolean(options.externalKeyPolicy, "externalKeyPolicy", false);
  }

  /** The key's ARN. */
  public get keyArn(): Value {
    return this.arn;
  }

  /** Grants the given actions on the key. */
  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    this._checkGrant(grantee, actions);
    const crossEnvironment = this.isGranteeFromAnotherAccount(grantee);
    if (this.trustAccountIdentities && !crossEnvironment) {
      return Grant.addToPrincipalOrResource({
        grantee,
        actions,
        resource: this,
        resourceArns: [this.arn],
        resourceSelfArns: ["*"],
      });
    }
    return Grant.addToPrincipalAndResource({
      grantee,
      actions,
      resource: this,
      resourceArns: crossEnvironment ? ["*"] : [this.arn],
      resourceSelfArns: crossEnvironment ? undefined : ["*"],
      resourcePolicyPrincipal: grantee.grantPrincipal,
    });
  }

  /** Grants `kms:Decrypt`. */
  public grantDecrypt(grantee: IGrantable): Grant {
    return this.grant(grantee, ...DECRYPT_ACTIONS);
  }

  /** Grants `kms:Encrypt`, `kms:ReEncrypt*` and `kms:GenerateDataKey*`. */
  public grantEncrypt(grantee: IGrantable): Grant {
    return this.grant(grantee, ...ENCRYPT_ACTIONS);
  }

  /** Grants encryption and decryption (`kms:Decrypt` first, as CDK). */
  public grantEncryptDecrypt(grantee: IGrantable): Grant {
    return this.grant(grantee, ...DECRYPT_ACTIONS, ...ENCRYPT_ACTIONS);
  }

  /**
   * @internal Grants `actions` only when the request comes through `service` (a `kms:ViaService`
   * condition). CDK writes this to the key policy (its `ViaServicePrincipal` has no identity
   * policy); the key policy of a plain key is not ours, so a grantee of the key's account gets the
   * same statement in its identity policy instead (effective wherever the key policy delegates to
   * IAM, as the default key policy does). Other grantees need the key policy.
   */
  public _grantViaService(grantee: IGrantable, service: ValueInput, actions: readonly string[]): Grant {
    this._checkGrant(grantee, actions, true);
    return Grant.addToPrincipalOrResource({
      grantee,
      actions,
      resource: this,
      resourceArns: [this.arn],
      resourceSelfArns: ["*"],
      conditions: { StringEquals: { "kms:ViaService": service } },
    });
  }

  /**
   * @internal Fails when granting `actions` to `grantee` would need the key policy of a plain key
   * (see the module comment). Resource grants call it before adding anything, so a failing grant
   * leaves no statement behind.
   */
  public _checkGrant(grantee: IGrantable, actions: readonly string[], viaService = false): void {
    this.checkGrantee(grantee, "grant");
    this.assertKeyPolicyNotNeeded(grantee, actions, !viaService && this.isGranteeFromAnotherAccount(grantee));
  }

  /**
   * The key policy of a plain key cannot be appended to: fails with a clear error unless the key
   * policy is external or the key is known only by ARN (then the statement is not added).
   */
  public addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult {
    if (!this.ref.owned || this.externalKeyPolicy) return { statementAdded: false };
    throw this.keyPolicyError(statement.actions.map(String), "it has no identity policy of its own");
  }

  /** @internal */
  protected policyKind(): ResourcePolicyKind | undefined {
    return undefined;
  }

  /** CDK: a role, user or group of this program, while the key lives in another (explicit) account. */
  private isGranteeFromAnotherAccount(grantee: IGrantable): boolean {
    const principal = grantee.grantPrincipal;
    if (!(principal instanceof IamxComponent) || !this.ref.owned) return false;
    const account = principal.principalAccount;
    return account === undefined || valueKey(account) !== valueKey(this.ref.account);
  }

  /** Fails before anything is added when a grant on a plain key would need its key policy. */
  private assertKeyPolicyNotNeeded(grantee: IGrantable, actions: readonly string[], crossEnvironment: boolean): void {
    if (!this.ref.owned || this.externalKeyPolicy) return;
    if (!this.trustAccountIdentities) throw this.keyPolicyError(actions, "trustAccountIdentities is false");
    const account = grantee.grantPrincipal.principalAccount;
    const sameAccount =
      account !== undefined && ["SAME", "BOTH_UNRESOLVED"].includes(compareValues(this.ref.account, account));
    if (crossEnvironment || !sameAccount) {
      throw this.keyPolicyError(actions, "the grantee is not known to be in the key's account");
    }
  }

  private keyPolicyError(actions: readonly string[], why: string): ValidationError {
    return new ValidationError(
      "CannotAddToKeyPolicy",
      `Granting ${actions.join(", ")} on KMS key "${this.ref.name}" needs a statement in the key policy (${why}), ` +
        "and the key policy of an aws.kms.Key is its own `policy` input, which pulumi-iamx cannot add to. " +
        "Write that statement in the key's policy and pass `externalKeyPolicy: true` to iamx.grants.kms() " +
        "(or to the resource's `encryptionKey` as iamx.grants.kms(key, { externalKeyPolicy: true })).",
      this.ref.name,
    );
  }
}

/** CDK's key action sets. */
export const DECRYPT_ACTIONS = ["kms:Decrypt"] as const;
export const ENCRYPT_ACTIONS = ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"] as const;

/**
 * Grants on a KMS key: `iamx.grants.kms(key).grantDecrypt(role)`. `key` is an `aws.kms.Key` of
 * this program or `{ arn }` of a key made elsewhere.
 */
export function kmsGrants(key: kms.Key | ResourceAttributes, options?: KeyGrantsOptions): KeyGrants {
  return new KeyGrants(key, options);
}

/** The key that encrypts a resource, as given in its grants options. */
export type EncryptionKey = kms.Key | KeyGrants;

/** The KeyGrants for an `encryptionKey` option (a key resource gets the resource's `account`). */
export function encryptionKeyGrants(
  key: EncryptionKey | undefined,
  account: string | undefined,
): KeyGrants | undefined {
  if (key === undefined) return undefined;
  if (key instanceof KeyGrants) return key;
  return new KeyGrants(key, { account });
}

function checkBoolean(value: unknown, name: string, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  if (typeof value !== "boolean") {
    throw new ValidationError("InvalidGrantOptions", `iamx.grants.kms: \`${name}\` must be a boolean`);
  }
  return value;
}

/**
 * The base of the grants of resources that may be encrypted with a KMS key (buckets, tables,
 * queues, topics, secrets, parameters): the `encryptionKey` option as {@link KeyGrants}, and
 * CDK's order for a grant that also needs key actions.
 */
import type { IGrantable } from "../core/principals/types";
import type { Value } from "../core/value";
import type { Grant } from "../components/grant";
import { ResourceGrants } from "./base";
import { encryptionKeyGrants, type EncryptionKey, type KeyGrants } from "./kms";
import type { ResourceGrantsOptions, ResourceRef } from "./resource-ref";

/** A resource, known to grants, that may be encrypted with a KMS key. */
export abstract class EncryptedResourceGrants extends ResourceGrants {
  /** The KMS key the resource is encrypted with (the `encryptionKey` option), if given. */
  public readonly encryptionKey?: KeyGrants;

  /** @internal */
  protected constructor(ref: ResourceRef, options: ResourceGrantsOptions & { readonly encryptionKey?: EncryptionKey }) {
    super(ref);
    this.encryptionKey = encryptionKeyGrants(options.encryptionKey, options.account);
  }

  /**
   * @internal CDK's order: the key is checked first (a grant the key cannot take leaves no
   * statement behind), then the resource actions (principal or resource policy), then the key
   * actions on the key, when there is one.
   */
  protected grantWithKeyActions(
    grantee: IGrantable,
    actions: readonly string[],
    resourceArns: readonly Value[],
    keyActions: readonly string[],
  ): Grant {
    if (keyActions.length > 0) this.encryptionKey?._checkGrant(grantee, keyActions);
    const result = this.grantOnResource(grantee, actions, resourceArns);
    if (keyActions.length > 0) this.encryptionKey?.grant(grantee, ...keyActions);
    return result;
  }
}

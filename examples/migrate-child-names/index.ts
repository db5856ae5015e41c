// A stack deployed with a pulumi-iamx release that named a component's children by position
// (`App-attach-1`, `App-attach-2`, `Ops-attach-0`), updated to names that say what each child is
// (`App-attach-ReadOnlyAccess-9dabfe2b`): see docs/naming.md. Without aliases, the first `pulumi up`
// would create each attachment under its new name and then delete the old one, which detaches the
// policy. One transform per component tells Pulumi the old names, so the children are renamed in
// the state instead:
//
//   pulumi preview       no replacement: each attachment shows as renamed, not created and deleted
//   pulumi up            then remove the transforms (the state has the new names)
//
// Take the new names from a preview without the aliases (each shows as a create paired with a
// delete of the old name), and map them before changing the lists.
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

/** Maps this release's child names to the names the stack was deployed with. */
function renamedFrom(oldNames: Record<string, string>): pulumi.ResourceTransform {
  return ({ name, props, opts }) =>
    oldNames[name]
      ? { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), { name: oldNames[name] }] } }
      : undefined;
}

const readOnly = iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess");
const s3Read = iamx.ManagedPolicy.fromAwsManagedPolicyName("AmazonS3ReadOnlyAccess");

// A role's attachments were numbered from 1, in the order of managedPolicies.
const app = new iamx.Role(
  "App",
  { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"), managedPolicies: [readOnly, s3Read] },
  {
    transforms: [
      renamedFrom({
        "App-attach-ReadOnlyAccess-9dabfe2b": "App-attach-1",
        "App-attach-AmazonS3ReadOnlyAccess-c8cd4e7b": "App-attach-2",
      }),
    ],
  },
);

// A group's (and a user's) from 0.
const ops = new iamx.Group(
  "Ops",
  { managedPolicies: [readOnly] },
  { transforms: [renamedFrom({ "Ops-attach-ReadOnlyAccess-9dabfe2b": "Ops-attach-0" })] },
);

export const appRoleArn = app.roleArn;
export const opsGroupName = ops.groupName;

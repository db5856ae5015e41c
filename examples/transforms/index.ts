// Pulumi transforms on iamx components: the engine applies them in `pulumi up`, and the testing
// kit, `iamx preview` and `iamx export` apply them the same way (own transforms, then each
// parent's, then stack transforms). Props the template has a place for land in it; see
// docs/transforms.md.
//
//   pulumi up
//   iamx preview       (the inputs after the transforms)
//   iamx export        (tags and role settings set by the transforms are in the template)
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const TAGGED = new Set(["aws:iam/role:Role", "aws:iam/user:User"]);

// A stack transform: every role and user of the program gets `managed-by` (kept with its own tags).
pulumi.runtime.registerResourceTransform((args) =>
  TAGGED.has(args.type)
    ? { props: { ...args.props, tags: { ...args.props.tags, "managed-by": "pulumi" } }, opts: args.opts }
    : undefined,
);

// A component's transforms reach everything under it: the on-call roles get one-hour sessions
// under /oncall/, and are protected from deletion (an option: Pulumi's only, not in the template).
const oncall = new pulumi.ComponentResource(
  "example:index:OnCall",
  "OnCall",
  {},
  {
    transforms: [
      (args) =>
        args.type === "aws:iam/role:Role"
          ? {
              props: { ...args.props, maxSessionDuration: 3600, path: "/oncall/" },
              opts: { ...args.opts, protect: true },
            }
          : undefined,
    ],
  },
);

const responder = new iamx.Role(
  "Responder",
  { assumedBy: new iamx.AccountRootPrincipal(), tags: { team: "sre" } },
  { parent: oncall },
);
responder.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));

// Outside the component: only the stack transform applies.
const deployer = new iamx.User("Deployer", { userName: "ci-deployer" });

export const responderRoleArn = responder.roleArn;
export const deployerArn = deployer.userArn;

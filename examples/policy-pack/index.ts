// A Pulumi policy pack that checks every IAM, bucket, queue, topic, key, repository and secret
// policy of any Pulumi program, whether or not it uses pulumi-iamx:
//
//   pulumi preview --policy-pack examples/policy-pack
//   pulumi preview --policy-pack examples/policy-pack --policy-pack-config config.json
//
// Policy documents are validated at IAM Access Analyzer's level, offline (docs/validation.md):
// ERROR findings are mandatory violations (the preview fails), security warnings and warnings
// advisory, suggestions off. config.json can change a policy's level or skip issue codes:
//
//   { "iamx-policy-suggestion": "advisory",
//     "iamx-policy-warning": { "enforcementLevel": "advisory", "ignoreCodes": ["MISSING_VERSION"] } }
import { PolicyPack } from "@pulumi/policy";
// In a pack of your own (pulumi-iamx in its package.json): import { iamxPolicies } from "pulumi-iamx/policy";
import { iamxPolicies } from "../../src/policy";

new PolicyPack("iamx", { policies: iamxPolicies() });

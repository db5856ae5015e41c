// A Pulumi policy pack that checks every IAM, bucket, queue, topic, key, repository and secret
// policy of any Pulumi program, whether or not it uses pulumi-iamx:
//
//   pulumi preview --policy-pack examples/policy-pack
//   pulumi preview --policy-pack examples/policy-pack --policy-pack-config config.json
//
// Policy documents are validated at IAM Access Analyzer's level, offline (docs/validation.md):
// ERROR findings are mandatory violations (the preview fails), security warnings and warnings
// advisory, suggestions off. Violations quote no value of the document (policy packs get secrets
// in plain text) unless showValues is on. config.json can change a policy's level, skip issue
// codes or show values:
//
//   { "iamx-policy-suggestion": "advisory",
//     "iamx-policy-warning": { "enforcementLevel": "advisory", "ignoreCodes": ["MISSING_VERSION"] },
//     "iamx-policy-invalid": { "showValues": true } }
import { PolicyPack } from "@pulumi/policy";
// In a pack of your own (pulumi-iamx in its package.json): import { iamxPolicies } from "pulumi-iamx/policy";
import { iamxPolicies } from "../../src/policy";

new PolicyPack("iamx", { policies: iamxPolicies() });

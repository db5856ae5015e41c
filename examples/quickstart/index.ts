// pulumi-iamx quick start (work in progress).
import * as iamx from "../../src";

const fn = new iamx.Role("FunctionRole", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
fn.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::my-bucket/*"] }));

export const functionRoleArn = fn.roleArn;

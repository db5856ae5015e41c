// Whole-program export parity with aws-cdk-lib: nesting, external inputs, secrets, outputs,
// federation, and programs combining many components.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { exportParity } from "./export-harness";

const XML = readFileSync(join(__dirname, "..", "components", "fixtures", "idp-metadata.xml"), "utf-8");
const THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";

describe("cdk-parity: export of whole programs", () => {
  exportParity("components nested in plain components get CDK's nested logical ids", (s) => {
    const platform = s.scope("Platform");
    const team = s.scope("Team-A", platform);
    const role = s.role("Service_Role", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") }, team);
    role.addToPolicy(new s.lib.PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["*"] }));
    s.user("Operator", {}, platform);
  });

  exportParity("components nested in components", (s) => {
    const role = s.role("Outer", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const inner = s.role("Inner", { assumedBy: role }, role);
    s.policy(
      "Attached",
      {
        statements: [new s.lib.PolicyStatement({ actions: ["s3:ListAllMyBuckets"], resources: ["*"] })],
        roles: [inner],
      },
      inner,
    );
  });

  exportParity(
    "outputs of resources outside the model become parameters named after them",
    (s) => {
      const reader = s.role("Reader", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
      const arn = s.bucketOutput("data-bucket", "arn", "Reader/DefaultPolicy");
      reader.addToPolicy(new s.lib.PolicyStatement({ actions: ["s3:ListBucket"], resources: [arn] }));
      reader.addToPolicy(new s.lib.PolicyStatement({ actions: ["s3:GetObject"], resources: [s.concat(arn, "/*")] }));
      const name = s.bucketOutput("logs-bucket", "bucket", "Reader/DefaultPolicy");
      reader.addToPolicy(
        new s.lib.PolicyStatement({
          actions: ["s3:PutObject"],
          resources: ["*"],
          conditions: { StringEquals: { "s3:ExistingObjectTag/bucket": name } },
        }),
      );
    },
    {
      check: (t) => {
        expect(Object.keys(t.Parameters!)).to.have.members(["DataBucketArn", "LogsBucketBucket"]);
      },
    },
  );

  exportParity("a secret config value is a NoEcho parameter", (s) => {
    const app = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    app.addToPolicy(
      new s.lib.PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [s.secretApiKeyArn()] }),
    );
  });

  exportParity("stack outputs that are component attributes become Outputs", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const user = s.user("Deployer");
    const mp = s.managedPolicy("Policy", {
      statements: [new s.lib.PolicyStatement({ actions: ["s3:*"], resources: ["*"] })],
    });
    s.output("roleArn", role.roleArn);
    s.output("roleName", role.roleName);
    s.output("userArn", user.userArn);
    s.output("policyArn", mp.managedPolicyArn);
  });

  exportParity("an OIDC provider and a role its identities assume", (s) => {
    const github = s.oidc("GitHub", {
      url: "https://token.actions.githubusercontent.com",
      clientIds: ["sts.amazonaws.com"],
      thumbprints: [THUMBPRINT],
    });
    s.role("Deploy", {
      assumedBy: new s.lib.OpenIdConnectPrincipal(github).withConditions({
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" },
      }),
    });
  });

  exportParity("a SAML provider with console and API federation", (s) => {
    const idp = s.saml("Corp", XML, "corp-idp");
    s.role("Console", { assumedBy: new s.lib.SamlConsolePrincipal(idp) });
    s.role("Api", {
      assumedBy: new s.lib.SamlPrincipal(idp, { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }),
    });
  });

  exportParity(
    "a service with roles, grants, a managed policy, a user in a group and late statements",
    async (s, later) => {
      const api = s.role("ApiHandler", {
        assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [s.lib.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
      });
      const worker = s.role("Worker", { assumedBy: new s.lib.ServicePrincipal("ecs-tasks.amazonaws.com") });
      const deployer = s.role("Deployer", { assumedBy: new s.lib.ServicePrincipal("codebuild.amazonaws.com") });
      api.grantPassRole(deployer);
      worker.grantPassRole(deployer);
      const readData = s.managedPolicy("ReadData", {
        statements: [
          new s.lib.PolicyStatement({
            actions: ["s3:GetObject", "s3:ListBucket"],
            resources: ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"],
          }),
        ],
        roles: [api, worker],
      });
      const devs = s.group("Developers", { managedPolicies: [readData] });
      s.user("Alice", { groups: [devs] });
      api.addToPolicy(
        new s.lib.PolicyStatement({
          actions: ["dynamodb:GetItem", "dynamodb:Query"],
          resources: ["arn:aws:dynamodb:us-east-1:111111111111:table/app"],
        }),
      );
      await later(() => {
        api.addToPolicy(
          new s.lib.PolicyStatement({
            actions: ["dynamodb:PutItem"],
            resources: ["arn:aws:dynamodb:us-east-1:111111111111:table/app"],
          }),
        );
        worker.addToPolicy(
          new s.lib.PolicyStatement({
            actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
            resources: ["arn:aws:sqs:us-east-1:111111111111:jobs"],
          }),
        );
      });
    },
  );

  exportParity("thirty roles with policies (logical ids, order and merging at scale)", (s) => {
    for (let i = 0; i < 30; i++) {
      const r = s.role(`Fn${i}`, { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
      for (let j = 0; j < 5; j++) {
        r.addToPolicy(
          new s.lib.PolicyStatement({
            actions: [j % 2 ? "s3:PutObject" : "s3:GetObject"],
            resources: [`arn:aws:s3:::b${i}-${j}/*`],
          }),
        );
      }
    }
  });
});

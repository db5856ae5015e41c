// The finalize lifecycle: named phases in a fixed order, whatever order work is registered in.
import { expect } from "chai";
import { ValidationErrors } from "../../src/core/errors";
import { FINALIZE_PHASES, Lifecycle } from "../../src/runtime/lifecycle";

describe("runtime: finalize phases", () => {
  it("runs aspects, checks, split, validate, emit, then resolve, each phase in registration order", () => {
    const l = new Lifecycle();
    const ran: string[] = [];
    for (const phase of ["resolve", "emit", "validate", "split", "checks", "aspects"] as const) {
      l.on(phase, () => ran.push(`${phase}-1`));
      l.on(phase, () => ran.push(`${phase}-2`));
    }
    l.finalize();
    expect(FINALIZE_PHASES).to.deep.equal(["aspects", "checks", "split", "validate", "emit"]);
    expect(ran).to.deep.equal([...FINALIZE_PHASES, "resolve"].flatMap((p) => [`${p}-1`, `${p}-2`]));
  });

  it("goes back to an earlier phase when a later one registers work for it (an overflow policy's checks)", () => {
    const l = new Lifecycle();
    const ran: string[] = [];
    l.on("split", () => {
      ran.push("split");
      l.on("checks", () => ran.push("late check"));
      l.on("emit", () => ran.push("late emit"));
    });
    l.on("validate", () => ran.push("validate"));
    l.finalize();
    expect(ran).to.deep.equal(["split", "late check", "validate", "late emit"]);
  });

  it("throws every problem together without resolving anything, and runs only once", () => {
    const l = new Lifecycle();
    let resolved = 0;
    l.on("checks", () => l.report("app/role", "has 51 tags"));
    l.on("checks", () => l.report("app/user", "has 51 tags too"));
    l.on("resolve", () => resolved++);
    expect(() => l.finalize())
      .to.throw(ValidationErrors, "has 51 tags")
      .with.property("problems")
      .of.length(2);
    expect(resolved).to.equal(0);
    expect(l.finalized).to.equal(true);
    expect(l.failed).to.equal(true);
    l.finalize();
    expect(resolved).to.equal(0);
  });

  it("a phase that throws: no resolve hook runs, not even when finalize is called again (pulumi up's beforeExit)", () => {
    const l = new Lifecycle();
    const ran: string[] = [];
    l.on("validate", () => {
      throw new Error("validation crashed");
    });
    l.on("emit", () => ran.push("emit"));
    l.on("resolve", () => () => ran.push("hand-out"));
    expect(() => l.finalize()).to.throw("validation crashed");
    expect(l.pending).to.equal(false);
    expect(l.failed).to.equal(true);
    l.finalize();
    expect(ran).to.deep.equal([]);
  });

  it("resolve is all or nothing: hand-outs run, in registration order, only once every hook rendered", () => {
    const ok = new Lifecycle();
    const ran: string[] = [];
    ok.on("resolve", () => {
      ran.push("render a");
      return () => ran.push("hand out a");
    });
    ok.on("resolve", () => ran.push("model change"));
    ok.on("resolve", () => {
      ran.push("render b");
      return () => ran.push("hand out b");
    });
    ok.finalize();
    expect(ran).to.deep.equal(["render a", "model change", "render b", "hand out a", "hand out b"]);

    const failing = new Lifecycle();
    const handedOut: string[] = [];
    failing.on("resolve", () => () => handedOut.push("a"));
    failing.on("resolve", () => {
      throw new Error("b cannot render");
    });
    expect(() => failing.finalize()).to.throw("b cannot render");
    expect(handedOut).to.deep.equal([]);
    expect(failing.failed).to.equal(true);
  });

  it("an abandoned run (it failed) runs no hook", () => {
    const l = new Lifecycle();
    let ran = false;
    l.on("emit", () => (ran = true));
    expect(l.pending).to.equal(true);
    l.abandon();
    expect(l.pending).to.equal(false);
    l.finalize();
    expect(ran).to.equal(false);
  });

  describe("per request (the component provider's deployment)", () => {
    it("each finalize runs what was registered since the previous one, then opens the next scope", () => {
      const l = new Lifecycle({ perRequest: true });
      const ran: string[] = [];
      l.on("emit", () => ran.push("first emit"));
      l.on("resolve", () => ran.push(`first resolve, finalized ${l.finalized}`));
      expect(l.scope).to.equal(0);
      l.finalize();
      expect(ran).to.deep.equal(["first emit", "first resolve, finalized true"]);
      expect(l.finalized).to.equal(false);
      expect(l.scope).to.equal(1);
      expect(l.isClosed(0)).to.equal(true);
      expect(l.isClosed(1)).to.equal(false);
      l.on("checks", () => ran.push("second checks"));
      l.finalize();
      expect(ran.slice(2)).to.deep.equal(["second checks"]);
      expect(l.isClosed(1)).to.equal(true);
    });

    it("a request whose finalize threw leaves nothing pending for the next request", () => {
      const l = new Lifecycle({ perRequest: true });
      let late = 0;
      l.on("checks", () => {
        l.on("emit", () => late++);
        throw new Error("check failed");
      });
      l.on("resolve", () => late++);
      expect(() => l.finalize()).to.throw("check failed");
      expect(l.pending).to.equal(false);
      expect(l.scope).to.equal(1);
      l.report("app/role", "a problem of the next request");
      expect(() => l.finalize()).to.throw(ValidationErrors, "a problem of the next request");
      expect(late).to.equal(0);
      l.finalize();
    });

    it("a request whose finalize found problems hands nothing out; the next request's finalize does", () => {
      const l = new Lifecycle({ perRequest: true });
      const handedOut: string[] = [];
      l.on("validate", () => l.report("app/role", "an invalid late statement"));
      l.on("resolve", () => () => handedOut.push("first request's late policy"));
      expect(() => l.finalize()).to.throw(ValidationErrors, "an invalid late statement");
      expect(l.failed).to.equal(false);
      l.on("resolve", () => () => handedOut.push("second request's policy"));
      l.finalize();
      expect(handedOut).to.deep.equal(["second request's policy"]);
    });

    it("a dropped scope (its request failed) runs no hook and closes that scope", () => {
      const l = new Lifecycle({ perRequest: true });
      let ran = false;
      l.on("emit", () => (ran = true));
      l.report("x", "half-built");
      l.dropScope();
      expect(l.isClosed(0)).to.equal(true);
      l.finalize();
      expect(ran).to.equal(false);
      expect(l.finalized).to.equal(false);
    });

    it("abandon ends every scope", () => {
      const l = new Lifecycle({ perRequest: true });
      l.abandon();
      l.finalize();
      expect(l.finalized).to.equal(true);
      expect(l.isClosed(5)).to.equal(true);
    });
  });
});

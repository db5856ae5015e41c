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

  it("throws every problem together after resolving, and runs only once", () => {
    const l = new Lifecycle();
    let resolved = 0;
    l.on("checks", () => l.report("app/role", "has 51 tags"));
    l.on("resolve", () => resolved++);
    expect(() => l.finalize()).to.throw(ValidationErrors, "has 51 tags");
    expect(resolved).to.equal(1);
    expect(l.finalized).to.equal(true);
    l.finalize();
    expect(resolved).to.equal(1);
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
});

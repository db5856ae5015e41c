import { expect } from "chai";
import { Duration, toSeconds } from "../../src/core/duration";

describe("Duration", () => {
  it("converts to seconds", () => {
    expect(Duration.seconds(90).toSeconds()).to.equal(90);
    expect(Duration.minutes(90).toSeconds()).to.equal(5400);
    expect(Duration.hours(12).toSeconds()).to.equal(43200);
    expect(Duration.days(1).toSeconds()).to.equal(86400);
    expect(Duration.hours(1.5).toSeconds()).to.equal(5400);
    expect(String(Duration.hours(2))).to.equal("Duration.hours(2)");
  });

  it("is recognized, also by toSeconds next to plain numbers", () => {
    expect(Duration.isDuration(Duration.seconds(1))).to.equal(true);
    expect(Duration.isDuration({ toSeconds: () => 1 })).to.equal(false);
    expect(toSeconds(3600, "x")).to.equal(3600);
    expect(toSeconds(Duration.minutes(1), "x")).to.equal(60);
  });

  it("rejects odd amounts with a clear error", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, "5" as never, null as never]) {
      expect(() => Duration.seconds(bad)).to.throw(/Duration amounts must be finite numbers >= 0/);
    }
    expect(() => Duration.seconds(1.5).toSeconds()).to.throw(
      "'Duration.seconds(1.5)' cannot be converted into a whole number of seconds.",
    );
    expect(() => toSeconds("1h" as never, "maxSessionDuration")).to.throw(
      'maxSessionDuration must be a whole number of seconds or an iamx.Duration, got "1h"',
    );
    expect(() => toSeconds(1.25, "x")).to.throw(/whole number of seconds/);
  });
});

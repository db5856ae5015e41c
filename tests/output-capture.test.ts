// The test-output capture itself: untaken output fails the test unless IAMX_STRICT_TEST_OUTPUT=0.
import { expect } from "chai";
import { reportUnexpected, strictTestOutput, takeOutputText } from "./output-capture";

describe("tests: printed output is captured and must be taken", () => {
  it("is strict by default; IAMX_STRICT_TEST_OUTPUT=0 is the opt-out", () => {
    expect(strictTestOutput({})).to.equal(true);
    expect(strictTestOutput({ IAMX_STRICT_TEST_OUTPUT: "1" })).to.equal(true);
    expect(strictTestOutput({ IAMX_STRICT_TEST_OUTPUT: "0" })).to.equal(false);
  });

  it("untaken output becomes the test's failure, naming the test and the stream", () => {
    const saved = process.env.IAMX_STRICT_TEST_OUTPUT;
    delete process.env.IAMX_STRICT_TEST_OUTPUT;
    try {
      const message = reportUnexpected("a test", [{ stream: "warn", text: "leaked\n" }]);
      expect(message).to.equal(
        'Unexpected output in "a test" (take it with takeOutput in the test):\n    [warn] leaked\n',
      );
      expect(reportUnexpected("a quiet test", [])).to.equal(undefined);
    } finally {
      if (saved !== undefined) process.env.IAMX_STRICT_TEST_OUTPUT = saved;
    }
  });

  it("console, process.emitWarning and stderr are captured for the test to take", () => {
    console.warn("a warning the test expects");
    process.emitWarning("deprecated thing", "DeprecationWarning");
    process.stderr.write("raw stderr\n");
    expect(takeOutputText("a warning the test")).to.deep.equal(["a warning the test expects"]);
    expect(takeOutputText(/^DeprecationWarning: deprecated thing$/)).to.have.length(1);
    expect(takeOutputText("raw stderr")).to.deep.equal(["raw stderr\n"]);
  });
});

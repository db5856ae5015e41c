import { expect } from "chai";
import { withProgress } from "../../src/cli/progress";

function stream(isTTY: boolean): { isTTY: boolean; text: string; write(s: string): void } {
  return {
    isTTY,
    text: "",
    write(s: string) {
      this.text += s;
    },
  };
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("cli: progress on stderr", () => {
  it("shows the label and elapsed time on a terminal once past the delay, and erases it at the end", async () => {
    const s = stream(true);
    const result = await withProgress(s, "iamx preview: running the program", () => wait(80).then(() => 42), {
      delayMs: 20,
      intervalMs: 20,
    });
    expect(result).to.equal(42);
    expect(s.text.startsWith("\r\x1b[Kiamx preview: running the program… ")).to.equal(true);
    expect(s.text.endsWith("\r\x1b[K")).to.equal(true);
  });

  it("writes nothing for a command that ends before the delay", async () => {
    const s = stream(true);
    await withProgress(s, "iamx lint", () => Promise.resolve(1), { delayMs: 50 });
    await wait(70);
    expect(s.text).to.equal("");
  });

  it("writes nothing when the stream is not a terminal (piped stderr, tests, CI)", async () => {
    const s = stream(false);
    await withProgress(s, "iamx export", () => wait(60), { delayMs: 10, intervalMs: 10 });
    expect(s.text).to.equal("");
  });

  it("erases the line and passes the error on when the command fails", async () => {
    const s = stream(true);
    let err: unknown;
    try {
      await withProgress(s, "iamx report", () => wait(60).then(() => Promise.reject(new Error("boom"))), {
        delayMs: 10,
      });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.equal("boom");
    expect(s.text).to.contain("iamx report… ");
    expect(s.text.endsWith("\r\x1b[K")).to.equal(true);
  });
});

/**
 * Measuring whole processes for the benchmarks: wall time, CPU time and peak RSS of a node process
 * (start-up included), medians of several runs, and building dist/ when it is stale (the CLI runs
 * from dist/ when built).
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

/** Preloaded into measured processes: reports peak RSS (KB) and CPU time (µs) when the process exits. */
const RSS_REPORTER = `process.on("exit", () => {
  const u = process.resourceUsage();
  require("fs").writeFileSync(process.env.IAMX_BENCH_RSS, JSON.stringify({ rss: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime }));
});`;

/** One measured process. */
export interface Measure {
  /** Wall time. */
  readonly ms: number;
  /** User + system CPU time (less sensitive than wall time to other load on the machine). */
  readonly cpuMs: number;
  readonly rssMb: number;
}

/** Writes the reporter into `dir` (call once per working folder). */
export function prepareMeasureDir(dir: string): void {
  fs.writeFileSync(path.join(dir, "rss-reporter.js"), RSS_REPORTER);
}

/** Runs `node args` in `dir`; throws (with its stderr) when it exits with a code not in `okCodes`. */
export async function measure(args: string[], dir: string, okCodes: readonly number[] = [0]): Promise<Measure> {
  const rssFile = path.join(dir, `rss-${process.hrtime.bigint()}`);
  const reporter = path.join(dir, "rss-reporter.js");
  const start = process.hrtime.bigint();
  let stderr = "";
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", reporter, ...args], {
      cwd: dir,
      env: { ...process.env, IAMX_BENCH_RSS: rssFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (c) => resolve(c ?? 1));
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(code)) throw new Error(`${args.join(" ")} exited with ${code}:\n${stderr.slice(0, 4000)}`);
  const usage = JSON.parse(fs.readFileSync(rssFile, "utf8")) as { rss: number; cpu: number };
  fs.rmSync(rssFile, { force: true });
  return { ms, cpuMs: usage.cpu / 1000, rssMb: usage.rss / 1024 };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The median (each figure on its own) of `runs` measurements. */
export async function medianOf(
  runs: number,
  args: string[],
  dir: string,
  okCodes: readonly number[] = [0],
): Promise<Measure> {
  const all: Measure[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure(args, dir, okCodes));
  return {
    ms: median(all.map((r) => r.ms)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    rssMb: median(all.map((r) => r.rssMb)),
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/. */
export function ensureBuilt(): void {
  const main = path.join(ROOT, "dist", "src", "cli", "main.js");
  if (fs.existsSync(main) && fs.statSync(main).mtimeMs >= newestMtime(path.join(ROOT, "src"))) return;
  process.stderr.write("building dist/ (npm run build)...\n");
  try {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  } catch {
    // tsc still emits when the tree has type errors (work in progress); the figures stay meaningful
    process.stderr.write("warning: the build reported type errors; dist/ was emitted anyway\n");
  }
}

/** What every process bench starts with: the sizes on its command line, the built CLI, a measuring folder. */
export function startBench(tmpPrefix: string): { sizes: number[]; dir: string; iamxBin: string } {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  prepareMeasureDir(dir);
  return { sizes, dir, iamxBin: path.join(ROOT, "bin", "iamx.js") };
}

// Where a statement was made: the first frame in the user's code, formatted alone through the
// stack formatter in force (ts-node's source maps here), or the whole stack read when there is none.
import { expect } from "chai";
import { configure } from "../../src/core/settings";
import { PolicyStatement } from "../../src/core/statement";

function made(): PolicyStatement {
  return new PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }); // line 8, column 10
}

describe("core: a statement's source location", () => {
  beforeEach(() => configure({ statementSourceLocations: true }));
  afterEach(() => configure({ statementSourceLocations: false }));

  it("is the user's call, mapped to the TypeScript line and column by the formatter in force", () => {
    expect(Error.prepareStackTrace, "ts-node installs a source-mapping formatter").to.be.a("function");
    expect(made().sourceLocation).to.deep.equal({ file: __filename, line: 8, column: 10 });
  });

  it("formats only the user's frame: the formatter sees one call site", () => {
    const format = Error.prepareStackTrace!;
    const seen: number[] = [];
    Error.prepareStackTrace = (error, sites) => {
      seen.push(sites.length);
      return format(error, sites);
    };
    try {
      const s = made();
      expect(s.sourceLocation).to.deep.equal({ file: __filename, line: 8, column: 10 });
    } finally {
      Error.prepareStackTrace = format;
    }
    expect(seen).to.deep.equal([1]);
  });

  it("without a formatter: the call site's own position, as Node's formatting of the whole stack gives it", () => {
    const format = Error.prepareStackTrace;
    const mapsWereOn = process.sourceMapsEnabled;
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    try {
      // Source maps off: read from the call site alone.
      process.setSourceMapsEnabled(false);
      const fromSite = made().sourceLocation;
      // On (none applies to this already-loaded file): Node formats the whole stack, which is read.
      process.setSourceMapsEnabled(true);
      const fromStack = made().sourceLocation;
      expect(fromSite?.file).to.equal(__filename);
      expect(fromSite).to.deep.equal(fromStack);
    } finally {
      process.setSourceMapsEnabled(mapsWereOn);
      Error.prepareStackTrace = format;
    }
  });

  it("is not recorded when statementSourceLocations is off", () => {
    configure({ statementSourceLocations: false });
    expect(made().sourceLocation).to.equal(undefined);
  });
});
